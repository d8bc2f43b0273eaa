import Shared
/// The audit tests that look for what finance controllers and auditors check by hand: duplicate payments,
/// first digits that do not follow Benford's law, unusually many round amounts, amounts clustered just below
/// an approval limit, and postings on weekends or holidays.
///
/// Each test is a pure function of the ledger columns; money is summed exactly in minor units.
public enum AuditTests {
    /// Runs the five tests concurrently and returns their findings in a deterministic order: by kind (in
    /// ``FindingKind`` declaration order), then |delta| descending (a finding without an expected figure
    /// counts as 0), then score descending, then dimension values, then period.
    public static func run(_ columns: LedgerColumns, configuration: AuditConfiguration) async -> [FindingDraft] {
        let currency = configuration.currency
        let evidenceLimit = configuration.evidenceLimit
        async let duplicates = DuplicatePaymentAudit(
            settings: configuration.duplicatePayments,
            approvalLimits: configuration.belowApprovalLimit.limits,
            currency: currency,
            evidenceLimit: evidenceLimit
        )
        .findings(in: columns)
        async let benford = BenfordAudit(
            settings: configuration.benford,
            currency: currency,
            evidenceLimit: evidenceLimit
        )
        .findings(in: columns)
        async let roundAmounts = RoundAmountAudit(
            settings: configuration.roundAmounts,
            currency: currency,
            evidenceLimit: evidenceLimit
        )
        .findings(in: columns)
        async let belowLimit = BelowApprovalLimitAudit(
            settings: configuration.belowApprovalLimit,
            currency: currency,
            evidenceLimit: evidenceLimit
        )
        .findings(in: columns)
        async let weekend = WeekendPostingAudit(
            settings: configuration.weekendPostings,
            currency: currency,
            evidenceLimit: evidenceLimit
        )
        .findings(in: columns)
        let findings = await duplicates + benford + roundAmounts + belowLimit + weekend
        return findings.sorted(by: AuditFindingOrder.precedes)
    }
}
