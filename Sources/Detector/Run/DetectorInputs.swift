public import Shared

/// What a detector run reads from the database (``LedgerReader/read(on:timings:)``) and analyses without I/O
/// (``DetectorAnalysis/analyse(_:configuration:period:startedAt:clock:)``).
public struct DetectorInputs: Sendable {
    /// The currency most lines are in (`company_code_currency_key`), or empty.
    public var currency: String
    /// Spend and lines per period for the total and each slice member, computed by PostgreSQL.
    public var sliceTotals: [LedgerReader.SliceTotal]
    /// Every journal line, in (fiscal year, period, batch, line) order.
    public var columns: LedgerColumns
    /// Loaded files' names by batch id.
    public var batchFiles: [Int64: String]
    /// In an incremental run, the periods whose findings are recomputed (``IncrementalScope/affected``); ``columns``
    /// then hold only the lines of ``IncrementalScope/read``. Nil in a full run.
    public var affectedPeriods: Set<FiscalPeriod>?

    /// Creates the inputs.
    public init(
        currency: String,
        sliceTotals: [LedgerReader.SliceTotal],
        columns: LedgerColumns,
        batchFiles: [Int64: String],
        affectedPeriods: Set<FiscalPeriod>? = nil
    ) {
        self.currency = currency
        self.sliceTotals = sliceTotals
        self.columns = columns
        self.batchFiles = batchFiles
        self.affectedPeriods = affectedPeriods
    }
}
