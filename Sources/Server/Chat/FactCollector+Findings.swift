import Shared

extension FactCollector {
    /// Counts of findings by severity and kind, and the top 3 findings with their explanations and deltas.
    func anomalies(
        _ question: ClassifiedQuestion,
        _ documents: [String: JSONValue],
        findings: [ChatFinding]?
    ) throws(ChatDataError) -> ChatEvidence {
        let language = question.language
        let summary = try DocumentCursor.open("summary", in: documents)
        let currency = try summary.field("currency").string()
        var facts = try latestPeriod(summary, language)
        facts.append(
            try summary.field("findings")
                .fact(language.pick("findings in the latest run", "temuan pada proses terakhir"), .count)
        )
        for (severity, count) in Self.ordered(try summary.field("findings_by_severity").pairs(), by: Self.severityOrder)
        {
            let name = Self.severityName(severity, language)
            facts.append(try count.fact(language.pick("\(name) findings", "temuan \(name)"), .count))
        }
        for (kind, count) in Self.ordered(try summary.field("findings_by_kind").pairs(), by: []) {
            let name = Self.kindName(kind, language)
            facts.append(try count.fact(language.pick("findings of kind \(name)", "temuan jenis \(name)"), .count))
        }

        var top: [TopFinding] = []
        if let findings {
            for finding in findings {
                let source = "fingerprint=\(finding.fingerprint)"
                var delta: ChatFact?
                if let text = finding.delta {
                    guard Money(decimalText: text) != nil else {
                        throw .unexpectedValue(document: "findings", field: "\(source).delta", expected: "amount")
                    }
                    delta = ChatFact(
                        label: "",
                        value: text,
                        kind: .amount,
                        currency: currency,
                        document: "findings",
                        field: "\(source).delta"
                    )
                }
                let explanation = ChatFact(
                    label: "",
                    value: finding.explanation,
                    kind: .text,
                    document: "findings",
                    field: "\(source).explanation"
                )
                top.append(
                    TopFinding(
                        severity: finding.severity,
                        kind: finding.kind,
                        period: finding.period,
                        dimensionPath: finding.dimensionPath,
                        explanation: explanation,
                        delta: delta
                    )
                )
            }
        } else {
            for finding in try summary.field("top_findings").elements() {
                let period = try finding.field("period")
                let delta = try finding.field("delta")
                top.append(
                    TopFinding(
                        severity: try finding.field("severity").string(),
                        kind: try finding.field("kind").string(),
                        period: period.isNull ? nil : try period.string(),
                        dimensionPath: try finding.field("dimension_path").string(),
                        explanation: try finding.field("explanation").fact("", .text),
                        delta: delta.isNull ? nil : try delta.fact("", .amount, currency: currency)
                    )
                )
            }
        }
        let matching = top.filter { $0.concerns(question.member, periods: question.periods) }
        if question.member != nil || !question.periods.isEmpty {
            let label =
                language.pick("top findings", "temuan teratas")
                + qualifier(member: question.member, periods: question.periods, language)
            facts.append(
                ChatFact(
                    label: label,
                    value: String(matching.count),
                    kind: .count,
                    document: findings == nil ? "summary" : "findings",
                    field: findings == nil ? "top_findings" : ""
                )
            )
        }
        for (index, finding) in matching.prefix(3).enumerated() {
            let about = [
                Self.severityName(finding.severity, language), Self.kindName(finding.kind, language),
                finding.period ?? "",
                finding.dimensionPath,
            ]
            .filter { !$0.isEmpty }.joined(separator: ", ")
            var explanation = finding.explanation
            explanation.label = language.pick("finding \(index + 1) (\(about))", "temuan \(index + 1) (\(about))")
            facts.append(explanation)
            if var delta = finding.delta {
                delta.label = language.pick(
                    "finding \(index + 1), actual minus expected",
                    "temuan \(index + 1), selisih aktual terhadap harapan"
                )
                facts.append(delta)
            }
        }
        return ChatEvidence(facts: facts)
    }

    /// Flagged line counts of the statistical pass and the Isolation Forest, and each one's top 3 lines.
    func outliers(_ question: ClassifiedQuestion, _ documents: [String: JSONValue]) throws(ChatDataError)
        -> ChatEvidence
    {
        let language = question.language
        let currency = try currency(documents)
        let lineDimensions = ["gl_account", "cost_center", "supplier"]
        let member = question.member.flatMap { lineDimensions.contains($0.dimension) ? $0 : nil }
        let methods = [
            (
                "anomalies_statistical", language.pick("the statistical pass", "uji statistik"),
                language.pick("statistical outlier", "pencilan statistik")
            ),
            (
                "anomalies_ml", "Isolation Forest",
                language.pick("Isolation Forest outlier", "pencilan Isolation Forest")
            ),
        ]
        var facts: [ChatFact] = []
        for (name, method, outlier) in methods {
            let document = try DocumentCursor.open(name, in: documents)
            facts.append(
                try document.field("flagged_lines")
                    .fact(
                        language.pick("lines flagged by \(method)", "baris yang ditandai oleh \(method)"),
                        .count
                    )
            )
            var lines: [DocumentCursor] = []
            for line in try document.field("lines").elements() {
                if let member, try line.field(member.dimension).string() != member.value { continue }
                if !question.periods.isEmpty, !question.periods.contains(try line.field("period").string()) { continue }
                lines.append(line)
            }
            if member != nil || !question.periods.isEmpty {
                let label =
                    language.pick("listed lines flagged by \(method)", "baris tercantum yang ditandai oleh \(method)")
                    + qualifier(member: member, periods: question.periods, language)
                facts.append(
                    ChatFact(label: label, value: String(lines.count), kind: .count, document: name, field: "lines")
                )
            }
            for (index, line) in lines.prefix(3).enumerated() {
                let location = [
                    "batch \(try line.field("batch_id").integer())",
                    language.pick("line", "baris") + " \(try line.field("line").integer())",
                    try line.field("period").string(),
                    "GL \(try line.field("gl_account").string())",
                    ChatMember(dimension: "cost_center", value: try line.field("cost_center").string())
                        .phrase(in: language),
                    ChatMember(dimension: "supplier", value: try line.field("supplier").string()).phrase(in: language),
                ]
                .joined(separator: ", ")
                facts.append(
                    try line.field("amount").fact("\(outlier) \(index + 1) (\(location))", .amount, currency: currency)
                )
                facts.append(
                    try line.field("score")
                        .fact(language.pick("\(outlier) \(index + 1) score", "skor \(outlier) \(index + 1)"), .score)
                )
            }
        }
        return try evidence(facts, chart: "chart_anomaly_scatter", documents)
    }
}
