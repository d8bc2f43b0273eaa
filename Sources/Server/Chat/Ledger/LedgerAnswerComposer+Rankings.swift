import Shared

extension LedgerAnswerComposer {
    /// The ranked members: one fact each, the first answering "which".
    func top(
        _ question: LedgerQuestion,
        _ ranked: [LedgerFigures.Ranked],
        dimension: LedgerDimension,
        names: [String: String]
    ) -> (String, [ChatFact], JSONValue?) {
        let language = question.language
        let span = question.scopes.first
        let where_ =
            question.members.isEmpty
            ? "" : language.pick(" in ", " di ") + LedgerPhrases.subject(question.members, language)
        let label = ChatMember.label(ofDimension: dimension.rawValue, in: language)
        let aggregate = "sum(amount) by \(dimension.rawValue)"
        var facts: [ChatFact] = []
        var shown: [String] = []
        for (rank, member) in ranked.enumerated() {
            let entry = ChatVocabulary.Entry(
                dimension: dimension,
                value: member.value,
                name: names[member.value],
                amount: member.sum.amount
            )
            let name = LedgerPhrases.bare(entry)
            shown.append(name)
            facts.append(
                amount(
                    "\(rank + 1). \(name)",
                    member.sum.amount,
                    field: field(aggregate, question, span) + ", rank \(rank + 1)"
                )
            )
        }
        guard let first = facts.first else {
            let headline = language.pick(
                "The ledger has no lines with a \(label)\(where_)\(LedgerPhrases.inScope(span, language)).",
                "Buku besar tidak memiliki baris dengan \(label)\(where_)\(LedgerPhrases.inScope(span, language))."
            )
            return (headline, facts, nil)
        }
        let smallest = {
            if case .top(_, _, let ascending) = question.measure { return ascending } else { return false }
        }()
        let headline: String
        if ranked.count == 1 {
            headline = language.pick(
                "The \(label) with the \(smallest ? "smallest" : "largest") spend\(where_)\(LedgerPhrases.inScope(span, language)) was \(shown[0]): \(first.formattedValue(in: language)).",
                "\(label.prefix(1).uppercased())\(label.dropFirst()) dengan pengeluaran \(smallest ? "terkecil" : "terbesar")\(where_)\(LedgerPhrases.inScope(span, language)) adalah \(shown[0]): \(first.formattedValue(in: language))."
            )
        } else {
            headline = language.pick(
                "The \(ranked.count) \(label)s with the \(smallest ? "smallest" : "largest") spend\(where_)\(LedgerPhrases.inScope(span, language)), led by \(shown[0]) (\(first.formattedValue(in: language))):",
                "\(ranked.count) \(label) dengan pengeluaran \(smallest ? "terkecil" : "terbesar")\(where_)\(LedgerPhrases.inScope(span, language)), dipimpin \(shown[0]) (\(first.formattedValue(in: language))):"
            )
        }
        let chart = LedgerCharts.bars(
            labels: shown,
            amounts: ranked.map(\.sum.amount),
            title: language.pick("Spend by \(label)", "Pengeluaran per \(label)")
                + LedgerPhrases.inScope(span, language),
            currency
        )
        return (headline, facts, chart)
    }

    /// A member's share of its parent (the other members named) or of the ledger.
    func share(
        _ question: LedgerQuestion,
        part: LedgerFigures.Sum,
        whole: LedgerFigures.Sum,
        member: ChatVocabulary.Entry,
        parent: String
    ) -> (String, [ChatFact], JSONValue?) {
        let language = question.language
        let span = question.scopes.first
        let name = LedgerPhrases.member(member, language)
        let inSpan = LedgerPhrases.inScope(span, language)
        var facts = [
            amount(
                language.pick("spend of \(name)", "pengeluaran \(name)") + inSpan,
                part.amount,
                field: field("sum(amount)", question, span)
            ),
            amount(
                language.pick("spend of \(parent)", "pengeluaran \(parent)") + inSpan,
                whole.amount,
                field: field(
                    "sum(amount)",
                    LedgerQuestion(
                        text: question.text,
                        language: language,
                        measure: .total,
                        members: question.members.filter { $0 != member },
                        scopes: question.scopes
                    ),
                    span
                )
            ),
        ]
        guard let ratio = LedgerPhrases.quotient(part.amount.minorUnits, whole.amount.minorUnits, decimals: 6) else {
            return (
                language.pick(
                    "The spend of \(parent)\(inSpan) is zero, so \(name) has no share of it.",
                    "Pengeluaran \(parent)\(inSpan) nol, sehingga \(name) tidak memiliki porsi."
                ), facts, nil
            )
        }
        facts.append(
            ChatFact(
                label: language.pick("share of \(name) in \(parent)", "porsi \(name) dari \(parent)"),
                value: ratio,
                kind: .ratio,
                document: "finance_expense",
                field: "\(facts[0].field) / \(facts[1].field)"
            )
        )
        let headline = language.pick(
            "\(name.prefix(1).uppercased())\(name.dropFirst()) accounted for \(facts[2].formattedValue(in: language)) of the spend of \(parent)\(inSpan): \(facts[0].formattedValue(in: language)) of \(facts[1].formattedValue(in: language)).",
            "Porsi \(name) adalah \(facts[2].formattedValue(in: language)) dari pengeluaran \(parent)\(inSpan): \(facts[0].formattedValue(in: language)) dari \(facts[1].formattedValue(in: language))."
        )
        let chart = LedgerCharts.bars(
            labels: [name, language.pick("rest of \(parent)", "sisa \(parent)")],
            amounts: [part.amount, whole.amount - part.amount],
            title: language.pick("Share of \(name)", "Porsi \(name)") + inSpan,
            currency
        )
        return (headline, facts, chart)
    }
}
