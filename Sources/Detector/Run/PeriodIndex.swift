public import Shared

/// Row ranges of each period in ``LedgerColumns`` (the reader orders rows by fiscal year and period), so a
/// pass that needs two periods touches only their rows.
public struct PeriodIndex: Sendable {
    private var ranges: [FiscalPeriod: Range<Int>] = [:]

    /// Indexes `columns`, which must be ordered by (fiscal year, period).
    public init(_ columns: LedgerColumns) {
        var start = 0
        while start < columns.count {
            let year = columns.fiscalYear[start]
            let period = columns.period[start]
            var end = start + 1
            while end < columns.count, columns.fiscalYear[end] == year, columns.period[end] == period { end += 1 }
            ranges[FiscalPeriod(year: Int(year), period: Int(period))] = start..<end
            start = end
        }
    }

    /// The rows of `period` (empty when it has none).
    public func rows(_ period: FiscalPeriod) -> Range<Int> {
        ranges[period] ?? 0..<0
    }

    /// Every period present, in order.
    public var periods: [FiscalPeriod] { ranges.keys.sorted() }
}

/// Who moved a slice's spend between two periods: the members of one finer dimension with the largest
/// increases and decreases, and the lines behind them.
public struct ChangeContributors: Sendable {
    /// One member's contribution.
    public struct Contributor: Sendable, Equatable {
        /// The dimension of the member.
        public var dimension: LedgerDimension
        /// The member.
        public var member: String
        /// Spend in the current period minus spend in the base period, minor units.
        public var delta: Int64
    }

    /// The dimension that explains the change best (its top member covers the largest share of the change); a
    /// dimension with one member across both periods is never chosen.
    public var dimension: LedgerDimension
    /// Largest increases, largest first (at most 3).
    public var up: [Contributor]
    /// Largest decreases, largest first (at most 3).
    public var down: [Contributor]
    /// Largest lines of the top contributor in the current period (at most 10).
    public var evidence: [EvidenceLine]

    /// Finds the contributors of `slice` (nil = all lines) between `base` and `period`, looking at `candidates`.
    public static func of(
        slice: DimensionValue?,
        period: FiscalPeriod,
        base: FiscalPeriod,
        candidates: [LedgerDimension],
        columns: LedgerColumns,
        index: PeriodIndex
    ) -> ChangeContributors? {
        let sliceCodes = slice.map { columns.codes($0.dimension) }
        let sliceCode = slice.flatMap { value in
            columns.dictionary(value.dimension).code(of: value.value)
        }
        if slice != nil, sliceCode == nil { return nil }
        func inSlice(_ row: Int) -> Bool { sliceCodes == nil || sliceCodes![row] == sliceCode! }

        var best: (share: Double, result: ChangeContributors)?
        for dimension in candidates where dimension != slice?.dimension {
            let codes = columns.codes(dimension)
            var deltas: [Int32: Int64] = [:]
            for row in index.rows(period) where inSlice(row) { deltas[codes[row], default: 0] += columns.amount[row] }
            for row in index.rows(base) where inSlice(row) { deltas[codes[row], default: 0] -= columns.amount[row] }
            // One member on both sides (a dimension the ledger leaves blank, the directorate of one cost centre)
            // explains all of the change by construction, which tells a reader nothing.
            guard deltas.count > 1 else { continue }
            let total = deltas.values.reduce(0, +)
            guard total != 0 else { continue }
            let sorted = deltas.filter { $0.value != 0 }
                .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            let dictionary = columns.dictionary(dimension)
            func contributor(_ entry: (key: Int32, value: Int64)) -> Contributor {
                Contributor(dimension: dimension, member: dictionary.value(entry.key) ?? "(none)", delta: entry.value)
            }
            let up = sorted.prefix(3).filter { $0.value > 0 }.map(contributor)
            let down = sorted.reversed().prefix(3).filter { $0.value < 0 }.map(contributor)
            guard let top = (total > 0 ? sorted.first : sorted.last) else { continue }
            let share = Double(top.value) / Double(total)
            if best == nil || share > best!.share {
                let topCode = top.key
                let evidence = index.rows(period)
                    .filter { inSlice($0) && codes[$0] == topCode }
                    .sorted { columns.amount[$0].magnitude > columns.amount[$1].magnitude }
                    .prefix(10)
                    .map {
                        EvidenceLine(
                            batchID: columns.batchID[$0],
                            line: columns.sourceLine[$0],
                            amount: Money(minorUnits: columns.amount[$0])
                        )
                    }
                best = (share, ChangeContributors(dimension: dimension, up: up, down: down, evidence: evidence))
            }
        }
        return best?.result
    }
}
