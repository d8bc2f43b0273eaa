import Shared

/// Questions the chat can answer, built from the ledger's own members and periods, offered when it cannot
/// answer the one asked.
enum ChatSuggestions {
    /// Three questions: the total of the largest member of `dimension` (directorate by default) in the latest
    /// period, the largest supplier (or member of `dimension`) in that period, and the change of the largest
    /// directorate from the period before.
    static func questions(
        _ vocabulary: ChatVocabulary,
        _ language: ChatLanguage,
        dimension: LedgerDimension = .directorate
    ) -> [String] {
        let latest = vocabulary.latestPeriod
        let previous = vocabulary.periods.dropLast().last
        let subject = (vocabulary.members(of: dimension).first ?? vocabulary.members(of: .directorate).first)
            .map { LedgerPhrases.member($0, language) }
        let directorate = vocabulary.members(of: .directorate).first.map { LedgerPhrases.member($0, language) }
        let ranked = dimension == .directorate ? LedgerDimension.supplier : dimension
        let rankedLabel = ChatMember.label(ofDimension: ranked.rawValue, in: language)
        let when = latest.map { language.pick(" in \($0)", " pada \($0)") } ?? ""
        var questions: [String] = []
        if let subject {
            questions.append(
                language.pick(
                    "What was the total spend of \(subject)\(when)?",
                    "Berapa total pengeluaran \(subject)\(when)?"
                )
            )
        }
        questions.append(
            language.pick(
                "Which \(rankedLabel) had the largest spend\(when)?",
                "\(rankedLabel.prefix(1).uppercased())\(rankedLabel.dropFirst()) mana dengan pengeluaran terbesar\(when)?"
            )
        )
        if let latest, let previous {
            let whose = directorate ?? language.pick("the ledger", "buku besar")
            questions.append(
                language.pick(
                    "How did the spend of \(whose) change between \(previous) and \(latest)?",
                    "Bagaimana perubahan pengeluaran \(whose) antara \(previous) dan \(latest)?"
                )
            )
        } else {
            questions.append(
                language.pick("Which duplicate payments were found?", "Pembayaran ganda apa saja yang ditemukan?")
            )
        }
        return questions
    }

    /// The answer to a question the chat cannot answer: why, plainly, and three it can.
    static func cannotAnswer(
        _ question: String,
        reason: LedgerReading,
        vocabulary: ChatVocabulary,
        language: ChatLanguage
    ) -> ChatAnswer {
        var dimension = LedgerDimension.directorate
        var lines: [String]
        if case .unknownMember(let unknown) = reason {
            dimension = unknown
            let label = ChatMember.label(ofDimension: unknown.rawValue, in: language)
            lines = [
                language.pick(
                    "I cannot answer that: the ledger has no \(label) of that name.",
                    "Saya tidak dapat menjawabnya: buku besar tidak memiliki \(label) dengan nama itu."
                )
            ]
        } else {
            lines = [
                language.pick(
                    "I cannot answer that from the ledger. I answer questions about its figures: totals, changes between periods, the largest suppliers, cost centres or GL accounts, shares, and the findings of a kind with their lines.",
                    "Saya tidak dapat menjawabnya dari buku besar. Saya menjawab pertanyaan tentang angkanya: total, perubahan antarperiode, pemasok, pusat biaya atau akun GL terbesar, porsi, dan temuan suatu jenis beserta barisnya."
                )
            ]
        }
        let suggestions = questions(vocabulary, language, dimension: dimension)
        lines.append(language.pick("You could ask:", "Anda dapat bertanya:"))
        lines.append(contentsOf: suggestions.map { "- \($0)" })
        let facts = suggestions.enumerated()
            .map { index, text in
                ChatFact(
                    label: language.pick("suggested question \(index + 1)", "saran pertanyaan \(index + 1)"),
                    value: text,
                    kind: .text,
                    document: "finance_expense",
                    field: "members and periods"
                )
            }
        return ChatAnswer(text: lines.joined(separator: "\n"), intent: .general, language: language, facts: facts)
    }
}
