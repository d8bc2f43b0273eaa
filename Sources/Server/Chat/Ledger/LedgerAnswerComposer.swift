import Shared

/// Writes the answer to a ledger question from its figures: one sentence that answers it, the facts (each
/// exact, citing `finance_expense` or `findings`), and a chart of the figures.
struct LedgerAnswerComposer: Sendable {
    let currency: String

    /// The answer to `question` from `result`.
    func compose(_ question: LedgerQuestion, _ result: LedgerResult) -> ChatAnswer {
        let language = question.language
        let subject = LedgerPhrases.subject(others(question, result), language)
        let span = question.scopes.first
        var facts: [ChatFact] = []
        var headline: String
        var chart: JSONValue?
        switch result {
        case .total(let sum, let series):
            let label =
                language.pick("spend of \(subject)", "pengeluaran \(subject)") + LedgerPhrases.inScope(span, language)
            facts.append(amount(label, sum.amount, field: field("sum(amount)", question, span)))
            facts.append(count(language.pick("lines", "baris"), sum.lines, field: field("count(*)", question, span)))
            headline =
                sum.lines == 0
                ? language.pick("The ledger has no lines of \(subject)", "Buku besar tidak memiliki baris \(subject)")
                    + LedgerPhrases.inScope(span, language) + "."
                : language.pick("Total spend of \(subject)", "Total pengeluaran \(subject)")
                    + LedgerPhrases.inScope(span, language) + ": \(facts[0].formattedValue(in: language))"
                    + language.pick(" over ", " dari ") + facts[1].formattedValue(in: language)
                    + language.pick(" lines.", " baris.")
            chart = LedgerCharts.series(
                series,
                title: language.pick("Spend of \(subject)", "Pengeluaran \(subject)"),
                currency
            )
        case .change(let first, let second, let spans, let series):
            let (from, to) = spans
            let delta = second.amount - first.amount
            facts.append(
                amount(
                    language.pick(
                        "spend of \(subject) in \(LedgerPhrases.scope(from, language))",
                        "pengeluaran \(subject) pada \(LedgerPhrases.scope(from, language))"
                    ),
                    first.amount,
                    field: field("sum(amount)", question, from)
                )
            )
            facts.append(
                amount(
                    language.pick(
                        "spend of \(subject) in \(LedgerPhrases.scope(to, language))",
                        "pengeluaran \(subject) pada \(LedgerPhrases.scope(to, language))"
                    ),
                    second.amount,
                    field: field("sum(amount)", question, to)
                )
            )
            facts.append(
                amount(
                    language.pick("change from \(from) to \(to)", "perubahan dari \(from) ke \(to)"),
                    delta,
                    field: "\(facts[1].field) − \(facts[0].field)"
                )
            )
            let percent = LedgerPhrases.quotient(
                delta.minorUnits,
                abs(first.amount.minorUnits),
                decimals: 1,
                times: 100
            )
            if let percent {
                facts.append(
                    ChatFact(
                        label: language.pick("relative change", "perubahan relatif"),
                        value: percent,
                        kind: .percent,
                        document: "finance_expense",
                        field: "(\(facts[2].field)) / |\(facts[0].field)|"
                    )
                )
            }
            facts.append(
                count(
                    language.pick("lines in \(from)", "baris pada \(from)"),
                    first.lines,
                    field: field("count(*)", question, from)
                )
            )
            facts.append(
                count(
                    language.pick("lines in \(to)", "baris pada \(to)"),
                    second.lines,
                    field: field("count(*)", question, to)
                )
            )
            let direction =
                delta.minorUnits > 0
                ? language.pick("rose", "naik")
                : delta.minorUnits < 0
                    ? language.pick("fell", "turun") : language.pick("did not change", "tidak berubah")
            headline =
                language.pick("Spend of \(subject) \(direction) from ", "Pengeluaran \(subject) \(direction) dari ")
                + "\(facts[0].formattedValue(in: language)) (\(from))" + language.pick(" to ", " menjadi ")
                + "\(facts[1].formattedValue(in: language)) (\(to)): " + language.pick("a change of ", "perubahan ")
                + facts[2].formattedValue(in: language)
                + (percent == nil ? "" : " (\(facts[3].formattedValue(in: language)))") + "."
            chart = LedgerCharts.series(
                series,
                title: language.pick("Spend of \(subject)", "Pengeluaran \(subject)"),
                currency
            )
        case .top(let ranked, let dimension, let names):
            (headline, facts, chart) = top(question, ranked, dimension: dimension, names: names)
        case .share(let part, let whole, let member):
            (headline, facts, chart) = share(question, part: part, whole: whole, member: member, parent: subject)
        case .findings(let total, let rows):
            (headline, facts) = findings(question, count: total, rows: rows)
        }
        var lines = [headline]
        for fact in facts {
            lines.append(
                "- \(fact.label.prefix(1).uppercased())\(fact.label.dropFirst()): \(fact.formattedValue(in: language))"
            )
        }
        lines.append(
            language.pick("Source: ", "Sumber: ") + Set(facts.map(\.document)).sorted().joined(separator: ", ") + "."
        )
        return ChatAnswer(
            text: lines.joined(separator: "\n"),
            intent: question.intent,
            language: language,
            facts: facts,
            chart: chart,
            chartName: chart == nil ? nil : "answer"
        )
    }

    /// The members the subject names: for a share, all but the member whose share it is.
    func others(_ question: LedgerQuestion, _ result: LedgerResult) -> [ChatVocabulary.Entry] {
        guard case .share(_, _, let member) = result else { return question.members }
        return question.members.filter { $0 != member }
    }

    /// An amount fact from `finance_expense`.
    func amount(_ label: String, _ value: Money, field: String, document: String = "finance_expense") -> ChatFact {
        ChatFact(
            label: label,
            value: value.description,
            kind: .amount,
            currency: currency,
            document: document,
            field: field
        )
    }

    /// A count fact from `finance_expense`.
    func count(_ label: String, _ value: Int64, field: String, document: String = "finance_expense") -> ChatFact {
        ChatFact(label: label, value: String(value), kind: .count, document: document, field: field)
    }

    /// `sum(amount) where directorate = …, 2024-03`: what was summed, for the citation.
    func field(_ aggregate: String, _ question: LedgerQuestion, _ span: PeriodScope?) -> String {
        var conditions = question.members.map { "\($0.dimension.rawValue) = \($0.value)" }
        if let span {
            conditions.append(
                "period \(FiscalPeriod(year: span.year, period: span.first))…\(FiscalPeriod(year: span.year, period: span.last))"
            )
        }
        conditions.append("currency \(currency)")
        return "\(aggregate) where " + conditions.joined(separator: ", ")
    }
}
