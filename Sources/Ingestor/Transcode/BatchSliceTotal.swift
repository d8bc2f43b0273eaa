import Shared

/// Spend and lines of one batch's rows in one currency, period and slice member (``LedgerDimension/slices``), or
/// of all its rows in the currency and period (`dimension` nil, `member` empty): a row of `ingest_batch_totals`.
struct BatchSliceTotal: Sendable, Equatable, Hashable {
    /// `company_code_currency_key` as stored; empty for rows without one.
    var currency: String
    /// The fiscal year.
    var fiscalYear: Int
    /// The posting period.
    var period: Int
    /// The slice's dimension; nil for the batch's total.
    var dimension: LedgerDimension?
    /// The member as stored; empty for rows without one (and for the total).
    var member: String
    /// Signed spend in minor units.
    var minorUnits: Int64
    /// Rows.
    var lines: Int
}
