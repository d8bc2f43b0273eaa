import Shared

/// The figures a ledger question was answered with, as read from the database.
enum LedgerResult: Sendable {
    /// The sum of the question's members over its span, and their spend per period for the chart.
    case total(LedgerFigures.Sum, series: [(period: FiscalPeriod, amount: Money)])
    /// The sums of two spans (earlier first), and the spend per period for the chart.
    case change(
        LedgerFigures.Sum,
        LedgerFigures.Sum,
        spans: (PeriodScope, PeriodScope),
        series: [(period: FiscalPeriod, amount: Money)]
    )
    /// The members of a dimension ranked, with their names where the vocabulary has them.
    case top([LedgerFigures.Ranked], dimension: LedgerDimension, names: [String: String])
    /// A member's part of its parent (or of the ledger).
    case share(part: LedgerFigures.Sum, whole: LedgerFigures.Sum, member: ChatVocabulary.Entry)
    /// The run's findings of a kind.
    case findings(count: Int64, top: [LedgerFigures.FindingRow])
}
