import Shared

/// The sentences of duplicate payment and split invoice findings.
struct DuplicatePaymentText {
    let currency: String
    let windowDays: Int

    /// "Supplier X was paid IDR 12.5m twice within 2 days under references INV-7 and INV-8 (lines 1044 and 1047
    /// of batch 3); IDR 12.5m may be a duplicate."
    func duplicateSentence(
        supplier: String,
        rule: DuplicateRule,
        facts: DuplicatePaymentFacts,
        repeated: Money,
        lines: String
    ) -> String {
        let times = facts.lines == 2 ? "twice" : facts.lines == 3 ? "three times" : "\(facts.lines) times"
        let when = [facts.daySpan.map { timing(daySpan: $0, times: facts.lines) }, referencePhrase(rule, facts)]
        return AuditText.subject(.supplier, supplier) + " was paid \(facts.payment.compact(currency: currency)) "
            + "\(times) " + when.compactMap(\.self).joined(separator: " ") + " (\(lines)); "
            + "\(repeated.compact(currency: currency)) may be " + (facts.lines == 2 ? "a duplicate." : "duplicates.")
    }

    /// "Supplier X was paid IDR 10k in 2 parts on the same day under references INV-100-1 and INV-100-2 (lines …):
    /// the total, 10,000.00, is a multiple of 1,000.00 that no part is; one invoice may have been split."
    func splitSentence(
        supplier: String,
        facts: DuplicatePaymentFacts,
        reason: SplitInvoices.Reason,
        lines: String
    ) -> String {
        let when = facts.daySpan.map { $0 == 0 ? "on the same day" : "within \(days($0))" } ?? ""
        let because =
            switch reason {
            case .approvalLimit(let limit):
                "reaches the approval limit \(limit.grouped) that each part stays under; one invoice may have been "
                    + "split to stay under it."
            case .roundTotal(let unit):
                "is a multiple of \(unit.grouped) that no part is; one invoice may have been split."
            }
        return AuditText.subject(.supplier, supplier) + " was paid \(facts.total.compact(currency: currency)) in "
            + "\(facts.lines) parts \(when) under references \(AuditText.list(shown(facts.references))) "
            + "(\(lines)): the total, \(facts.total.grouped), " + because
    }

    /// "under the same reference R", "under references A and B", "under 7 references (A, B, C and 4 more)".
    private func referencePhrase(_ rule: DuplicateRule, _ facts: DuplicatePaymentFacts) -> String? {
        guard !facts.references.isEmpty else { return nil }
        if rule == .sameReference, facts.references.count == 1 {
            return "under the same reference \(facts.references[0])"
        }
        let named = AuditText.list(shown(facts.references))
        let phrase =
            facts.references.count > 3
            ? "under \(facts.references.count) references (\(named))" : "under references \(named)"
        return phrase + (facts.hasUnreferencedLine ? " and without one" : "")
    }

    /// At most three references, then "n more".
    private func shown(_ references: [String]) -> [String] {
        references.count > 3 ? Array(references.prefix(3)) + ["\(references.count - 3) more"] : references
    }

    /// "on the same day", "within 2 days", or for two lines further apart than the window (linked by their
    /// reference) "40 days apart".
    private func timing(daySpan: Int, times: Int) -> String {
        if daySpan == 0 { return "on the same day" }
        if times == 2, daySpan > windowDays { return "\(daySpan) days apart" }
        return "within \(days(daySpan))"
    }

    private func days(_ count: Int) -> String {
        "\(count) day" + (count == 1 ? "" : "s")
    }
}
