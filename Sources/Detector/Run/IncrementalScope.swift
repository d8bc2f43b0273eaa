public import Shared

/// Which periods an incremental detector run recomputes, and whose lines it reads (NOTES.md, issue 14).
///
/// A period is *affected* when new (or replaced) batches hold lines of it, or when its month-over-month or
/// year-over-year base is such a period: its changes are no longer what the previous run saw. The run reads the
/// lines of the affected periods, of their bases (previous period, same period a year earlier) and of the latest
/// period and its predecessor (the root-cause explanation of the latest change); only periods that hold lines count.
public struct IncrementalScope: Sendable, Equatable {
    /// Periods whose findings the run recomputes; the previous run's findings about other periods are kept.
    public var affected: Set<FiscalPeriod>
    /// Periods whose lines the run reads.
    public var read: Set<FiscalPeriod>

    /// The scope for `changed` periods (those holding lines of new or replaced batches), among the `present` ones.
    public init(changed: Set<FiscalPeriod>, present: Set<FiscalPeriod>, latest: FiscalPeriod?) {
        var affected = changed
        for period in changed {
            affected.insert(Self.next(period))
            affected.insert(FiscalPeriod(year: period.year + 1, period: period.period))
        }
        affected.formIntersection(present)
        var read = affected
        for period in affected {
            read.insert(period.previous)
            read.insert(period.sameLastYear)
        }
        if let latest {
            read.insert(latest)
            read.insert(latest.previous)
        }
        self.affected = affected
        self.read = read.intersection(present)
    }

    /// The regular period whose month-over-month base is `period` (period 12 and the year-end periods → period 1
    /// of the next year).
    static func next(_ period: FiscalPeriod) -> FiscalPeriod {
        period.period < 12
            ? FiscalPeriod(year: period.year, period: period.period + 1)
            : FiscalPeriod(year: period.year + 1, period: 1)
    }
}
