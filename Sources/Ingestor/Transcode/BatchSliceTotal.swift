public import Shared

/// Spend and lines of one batch's rows in one currency, period and slice member (``LedgerDimension/slices``), or
/// of all its rows in the currency and period (`dimension` nil, `member` empty): a row of `ingest_batch_totals`.
public struct BatchSliceTotal: Sendable, Equatable, Hashable {
    /// `company_code_currency_key` as stored; empty for rows without one.
    public var currency: String
    /// The fiscal year.
    public var fiscalYear: Int
    /// The posting period.
    public var period: Int
    /// The slice's dimension; nil for the batch's total.
    public var dimension: LedgerDimension?
    /// The member as stored; empty for rows without one (and for the total).
    public var member: String
    /// Signed spend in minor units.
    public var minorUnits: Int64
    /// Rows.
    public var lines: Int

    /// Creates a total.
    public init(
        currency: String,
        fiscalYear: Int,
        period: Int,
        dimension: LedgerDimension?,
        member: String,
        minorUnits: Int64,
        lines: Int
    ) {
        self.currency = currency
        self.fiscalYear = fiscalYear
        self.period = period
        self.dimension = dimension
        self.member = member
        self.minorUnits = minorUnits
        self.lines = lines
    }
}
