import Shared

/// The duplicate payment test (``DuplicatePaymentGroups`` defines the rules): one finding per group.
///
/// For a duplicate, actual = the total booked and expected = one payment (the largest document of the group: a
/// document is the lines of one reference on one day), so the delta is the money that may have been paid more
/// than once. For a split invoice, actual = the total of the parts and there is no expected figure. The period
/// is that of the latest line; `details["rule"]` and the closing sentence name the rule that matched.
struct DuplicatePaymentAudit {
    let settings: AuditConfiguration.DuplicatePayments
    let approvalLimits: [Money]
    let currency: String
    let evidenceLimit: Int

    /// One finding per group, in the order of the groups' first rows.
    func findings(in columns: LedgerColumns) -> [FindingDraft] {
        DuplicatePaymentGroups(settings: settings, approvalLimits: approvalLimits).groups(in: columns)
            .map { finding(for: $0, in: columns) }
    }

    private func finding(for group: DuplicateGroup, in columns: LedgerColumns) -> FindingDraft {
        let rows = group.rows
        let supplier = DimensionValue(
            .supplier,
            columns.dictionary(.supplier).value(columns.codes(.supplier)[rows[0]])!
        )
        let costCentres = Set(rows.map { columns.codes(.costCenter)[$0] })
        var dimensions = [supplier]
        if costCentres.count == 1, let costCentre = columns.dictionary(.costCenter).value(costCentres.first!) {
            dimensions.insert(DimensionValue(.costCenter, costCentre), at: 0)
        }
        let facts = DuplicatePaymentFacts(group: group, columns: columns)
        let expected = group.rule == .splitInvoice ? nil : facts.largestDocument
        let evidence = columns.evidence(rows, limit: evidenceLimit)
        let text = DuplicatePaymentText(currency: currency, windowDays: settings.windowDays)
        let split = SplitInvoices(
            windowDays: settings.windowDays,
            roundUnit: settings.splitRoundUnit,
            approvalLimits: approvalLimits
        )
        let explanation =
            group.rule == .splitInvoice
            ? text.splitSentence(
                supplier: supplier.value,
                facts: facts,
                reason: split.reason(parts: rows.map { Money(minorUnits: columns.amount[$0]) })!,
                lines: AuditText.lines(evidence, total: rows.count)
            )
            : text.duplicateSentence(
                supplier: supplier.value,
                rule: group.rule,
                facts: facts,
                repeated: facts.total - (expected ?? .zero),
                lines: AuditText.lines(evidence, total: rows.count)
            )
        return FindingDraft(
            kind: .duplicatePayment,
            period: columns.fiscalPeriod(ofRow: rows.max { columns.postingDay[$0] < columns.postingDay[$1] }!),
            dimensions: dimensions,
            actual: facts.total,
            expected: expected,
            score: Double(rows.count - 1),
            explanation: explanation + " " + group.rule.sentence,
            evidence: evidence,
            details: facts.details(rule: group.rule, windowDays: settings.windowDays),
            subject: (group.rule == .splitInvoice ? "split " : "") + "from \(facts.firstLine)"
        )
    }
}

/// What the sentence and the details of a duplicate finding say about its lines.
struct DuplicatePaymentFacts {
    /// The signed total of the lines.
    let total: Money
    /// The amount of the first line (all lines of a duplicate have the same amount).
    let payment: Money
    /// The lines.
    let lines: Int
    /// The posting days from first to last, or nil when a line has no posting date.
    let daySpan: Int?
    /// The distinct references, sorted.
    let references: [String]
    /// Whether a line has no reference.
    let hasUnreferencedLine: Bool
    /// The total of the largest document (lines of one reference, or one line without one, on one day).
    let largestDocument: Money
    /// `batch:line` of the first line in file order.
    let firstLine: String

    init(group: DuplicateGroup, columns: LedgerColumns) {
        let rows = group.rows
        total = columns.total(of: rows)
        payment = Money(minorUnits: columns.amount[rows[0]])
        lines = rows.count
        let days = rows.map { columns.postingDay[$0] }
        daySpan = days.contains(Int32.min) ? nil : Int(days.max()!) - Int(days.min()!)
        references = Set(rows.compactMap(columns.referenceText)).sorted()
        hasUnreferencedLine = rows.contains { columns.referenceText(ofRow: $0) == nil }
        var documents: [String: Int64] = [:]
        for row in rows {
            let key = (columns.referenceText(ofRow: row) ?? "#\(row)") + "@\(columns.postingDay[row])"
            documents[key, default: 0] += columns.amount[row]
        }
        largestDocument = Money(minorUnits: documents.values.max()!)
        let first = rows.min {
            (columns.batchID[$0], columns.sourceLine[$0]) < (columns.batchID[$1], columns.sourceLine[$1])
        }!
        firstLine = "\(columns.batchID[first]):\(columns.sourceLine[first])"
    }

    /// The finding's details.
    func details(rule: DuplicateRule, windowDays: Int) -> [String: String] {
        var details = ["lines": String(lines), "window_days": String(windowDays), "rule": rule.rawValue]
        details["days_apart"] = daySpan.map(String.init)
        details["reference"] = references.count == 1 && !hasUnreferencedLine ? references[0] : nil
        details["references"] = references.isEmpty ? nil : references.prefix(20).joined(separator: ", ")
        return details
    }
}
