import Shared

extension LedgerAnswerComposer {
    /// The run's findings of the kind asked: how many, then the most severe with their explanation, delta and
    /// first evidence lines (file, line, date, supplier, amount).
    func findings(_ question: LedgerQuestion, count total: Int64, rows: [LedgerFigures.FindingRow]) -> (
        String, [ChatFact]
    ) {
        let language = question.language
        guard case .findings(let kind) = question.measure else { return ("", []) }
        let kindName = FactCollector.kindName(kind.rawValue, language)
        var narrowed =
            question.members.isEmpty
            ? "" : language.pick(" for ", " untuk ") + LedgerPhrases.subject(question.members, language)
        narrowed += LedgerPhrases.inScope(question.scopes.first, language)
        var facts = [
            ChatFact(
                label: language.pick("findings of kind \(kindName)\(narrowed)", "temuan jenis \(kindName)\(narrowed)"),
                value: String(total),
                kind: .count,
                document: "findings",
                field: "count(*) where kind = \(kind.rawValue), latest run"
            )
        ]
        let headline =
            total == 0
            ? language.pick(
                "The latest run has no findings of kind \(kindName)\(narrowed).",
                "Proses terakhir tidak memiliki temuan jenis \(kindName)\(narrowed)."
            )
            : language.pick(
                "The latest run has \(total) finding\(total == 1 ? "" : "s") of kind \(kindName)\(narrowed); the most severe\(rows.count < total ? " \(rows.count)" : ""), with their lines:",
                "Proses terakhir memiliki \(total) temuan jenis \(kindName)\(narrowed); yang paling berat\(rows.count < total ? " (\(rows.count))" : ""), beserta barisnya:"
            )
        for (index, row) in rows.enumerated() {
            let number = index + 1
            let source = "id=\(row.id)"
            let severity = FactCollector.severityName(row.severity, language)
            let context = [severity, row.period, row.dimensionPath.isEmpty ? nil : row.dimensionPath]
                .compactMap { $0 }.joined(separator: ", ")
            facts.append(
                ChatFact(
                    label: language.pick("finding \(number) (\(context))", "temuan \(number) (\(context))"),
                    value: row.explanation,
                    kind: .text,
                    document: "findings",
                    field: "\(source).explanation"
                )
            )
            if let delta = row.delta, let money = Money(decimalText: delta) {
                facts.append(
                    amount(
                        language.pick(
                            "finding \(number), actual minus expected",
                            "temuan \(number), aktual dikurangi ekspektasi"
                        ),
                        money,
                        field: "\(source).delta",
                        document: "findings"
                    )
                )
            }
            for line in row.lines {
                let place = "\(line.file ?? "?"):\(line.line)"
                let details = [line.date, line.supplier].compactMap { $0 }.joined(separator: ", ")
                let label =
                    language.pick("finding \(number), line \(place)", "temuan \(number), baris \(place)")
                    + (details.isEmpty ? "" : " (\(details))")
                if let text = line.amount, let money = Money(decimalText: text) {
                    facts.append(
                        amount(label, money, field: "\(source).evidence line \(line.line)", document: "findings")
                    )
                }
            }
            if row.evidenceCount > Int64(row.lines.count) {
                facts.append(
                    count(
                        language.pick(
                            "finding \(number), evidence lines in all",
                            "temuan \(number), total baris bukti"
                        ),
                        row.evidenceCount,
                        field: "\(source).evidence",
                        document: "findings"
                    )
                )
            }
        }
        return (headline, facts)
    }
}
