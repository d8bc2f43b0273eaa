import Shared

/// Finds payments that may have been made more than once, as auditors test for them:
///
/// 1. ``ReferenceDuplicates``: same supplier, same amount, the same (or the same normalised) reference, on any
///    date — unless the lines are one invoice allocated across cost centres;
/// 2. ``DifferentReferenceDuplicates`` and ``PaymentRunDays``: same supplier, same amount within the window
///    under different references — unless the references are one run, the supplier is a placeholder, the amount
///    is a schedule (``PaymentSchedules``) or was paid to many suppliers that day;
/// 3. ``SplitInvoices``: parts of one reference adding up to a round amount or an approval limit.
///
/// Only payments count: lines with a supplier and an amount above zero, less those reversed by a credit
/// (``PaymentLines``). Sorting costs O(n log n); the tests after it are linear in the ledger.
struct DuplicatePaymentGroups {
    let settings: AuditConfiguration.DuplicatePayments
    /// The approval limits a split invoice may be kept under.
    let approvalLimits: [Money]

    /// The groups of every rule, each in (posting day, row) order, ordered by their first row.
    func groups(in columns: LedgerColumns) -> [DuplicateGroup] {
        let lines = PaymentLines(columns, windowDays: settings.windowDays)
        let schedules = PaymentSchedules(columns, minimumPeriods: settings.scheduleMinimumPeriods)
        let differentReferences = DifferentReferenceDuplicates(settings: settings, schedules: schedules)
        var groups: [DuplicateGroup] = []
        var candidates: [[Int]] = []
        for run in lines.runs {
            let sameReferences = ReferenceDuplicates(run: run, lines: lines)
            groups += sameReferences.groups
            candidates += differentReferences.candidates(
                run: run,
                excluding: sameReferences.reportedRows,
                lines: lines
            )
        }
        let paymentRunDays = PaymentRunDays(
            candidates: candidates,
            lines: lines,
            minimumSuppliers: settings.paymentRunSuppliers
        )
        groups += candidates.filter { !paymentRunDays.contains(anyOf: $0, lines: lines) }
            .map { DuplicateGroup(rule: .differentReference, rows: $0) }
        groups += SplitInvoices(
            windowDays: settings.windowDays,
            roundUnit: settings.splitRoundUnit,
            approvalLimits: approvalLimits
        )
        .groups(in: lines)
        return groups.sorted { ($0.rows.min()!, $0.rule.rawValue) < ($1.rows.min()!, $1.rule.rawValue) }
    }
}
