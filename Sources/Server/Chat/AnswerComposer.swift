/// Writes the deterministic answer from the facts, and decides whether a model's phrasing may replace it.
///
/// The text is a headline for the intent, one line per fact (`- Total spend: GBP 12,345,678.90`) with the
/// figures exactly as the documents hold them (amounts grouped with their currency; Indonesian answers use `.`
/// for thousands and `,` for decimals), a note of the attached chart, and the documents cited.
public struct AnswerComposer: Sendable {
    /// Creates a composer.
    public init() {}

    /// The answer to `question` from `evidence`, in the question's language.
    public func compose(_ question: ClassifiedQuestion, evidence: ChatEvidence) -> ChatAnswer {
        let language = question.language
        var lines = [Self.headline(question.intent, language)]
        for fact in evidence.facts {
            lines.append(
                "- \(fact.label.prefix(1).uppercased())\(fact.label.dropFirst()): \(fact.formattedValue(in: language))"
            )
        }
        if let chartName = evidence.chartName {
            lines.append(language.pick("Chart attached: \(chartName).", "Grafik terlampir: \(chartName)."))
        }
        var documents: [String] = []
        for fact in evidence.facts where !documents.contains(fact.document) { documents.append(fact.document) }
        if !documents.isEmpty {
            lines.append(language.pick("Sources: ", "Sumber: ") + documents.joined(separator: ", ") + ".")
        }
        return ChatAnswer(
            text: lines.joined(separator: "\n"),
            intent: question.intent,
            language: language,
            facts: evidence.facts,
            chart: evidence.chart,
            chartName: evidence.chartName
        )
    }

    /// The model's phrasing in place of `answer`'s text when every number in it is supported by `answer`'s
    /// facts (see ``NumberGrounding``; numbers only in the question are not); otherwise `answer` unchanged.
    ///
    /// - Parameters:
    ///   - modelText: The model's message content.
    ///   - answer: The deterministic answer whose facts the model was given.
    /// - Returns: The answer to send (``ChatAnswer/phrasing`` tells which) and the numbers that were not
    ///   supported, for the log; an empty model text falls back with no numbers listed.
    public func adopt(
        modelText: String,
        over answer: ChatAnswer
    ) -> (answer: ChatAnswer, unsupported: [String]) {
        let text = String(modelText.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        guard !text.isEmpty else { return (answer, []) }
        let unsupported = NumberGrounding(facts: answer.facts)
            .unsupportedNumbers(in: text, language: answer.language)
        guard unsupported.isEmpty else { return (answer, unsupported) }
        var phrased = answer
        phrased.text = text
        phrased.phrasing = .model
        return (phrased, [])
    }

    private static func headline(_ intent: ChatIntent, _ language: ChatLanguage) -> String {
        switch intent {
        case .anomaly:
            language.pick("Findings of the latest detector run:", "Temuan dari proses deteksi terakhir:")
        case .outlier:
            language.pick(
                "Journal lines flagged as outliers in the latest run:",
                "Baris jurnal yang ditandai sebagai pencilan pada proses terakhir:"
            )
        case .trend:
            language.pick(
                "Flagged changes in spend, largest first:",
                "Perubahan pengeluaran yang ditandai, terbesar dahulu:"
            )
        case .rca:
            language.pick(
                "Root-cause analysis of the latest change in spend:",
                "Analisis akar masalah atas perubahan pengeluaran terakhir:"
            )
        case .summary:
            language.pick("Summary of the ledger:", "Ringkasan buku besar:")
        case .comparison:
            language.pick("Spend compared:", "Perbandingan pengeluaran:")
        case .visualization:
            language.pick(
                "Here is the chart that fits your question:",
                "Berikut grafik yang sesuai dengan pertanyaan Anda:"
            )
        case .general:
            language.pick(
                "I answer questions about the latest detector run: anomalies and findings, outliers, trends, root causes, summaries, comparisons of periods and charts. The headline figures:",
                "Saya menjawab pertanyaan tentang proses deteksi terakhir: anomali dan temuan, pencilan, tren, akar masalah, ringkasan, perbandingan periode, dan grafik. Angka utamanya:"
            )
        }
    }
}
