import Shared

extension FactCollector {
    /// Words that name a chart outright, checked in this order.
    static let chartWords: [(phrases: [String], chart: String)] = [
        (["heatmap", "heat map", "cost cent*", "pusat biaya"], "chart_heatmap"),
        (["waterfall", "bridge", "air terjun"], "chart_rca_waterfall"),
        (["scatter", "sebaran"], "chart_anomaly_scatter"),
        (
            [
                "pie", "composition", "komposisi", "proporsi", "directorate*", "direktorat", "category", "categories",
                "kategori", "breakdown", "rincian",
            ], "chart_category_breakdown"
        ),
    ]

    /// The chart document that fits `question`.
    ///
    /// 1. Words naming a chart decide: heatmap or cost centre → `chart_heatmap`; waterfall or bridge →
    ///    `chart_rca_waterfall`; scatter → `chart_anomaly_scatter`; pie, composition, directorate, category or
    ///    breakdown → `chart_category_breakdown` (in that order of precedence).
    /// 2. Otherwise the strongest other intent scoring at least 2 (ties by ``IntentClassifier/tieOrder``): rca →
    ///    `chart_rca_waterfall`; outlier or anomaly → `chart_anomaly_scatter`; summary →
    ///    `chart_category_breakdown`; trend or comparison → `chart_trend`.
    /// 3. Otherwise `chart_trend`, the monthly spend.
    public static func chartName(for question: ClassifiedQuestion) -> String {
        let tokens = QuestionToken.tokenize(question.text)
        for (phrases, chart) in chartWords
        where phrases.contains(where: { IntentKeyword($0, .visualization, 0).occurs(in: tokens) }) {
            return chart
        }
        let others = IntentClassifier.tieOrder.filter { $0 != .visualization && $0 != .general }
        let best = others.map { question.scores[$0] ?? 0 }.max() ?? 0
        guard best >= 2, let intent = others.first(where: { question.scores[$0] == best }) else { return "chart_trend" }
        switch intent {
        case .rca: return "chart_rca_waterfall"
        case .outlier, .anomaly: return "chart_anomaly_scatter"
        case .summary: return "chart_category_breakdown"
        default: return "chart_trend"
        }
    }

    /// The fitting chart's figure, its name and title, and the charts available.
    func visualization(_ question: ClassifiedQuestion, _ documents: [String: JSONValue]) throws(ChatDataError)
        -> ChatEvidence
    {
        let language = question.language
        let name = Self.chartName(for: question)
        var available: [String] = []
        for chart in try DocumentCursor.open("charts_available", in: documents).field("charts").elements() {
            available.append(try chart.string())
        }
        guard let index = available.firstIndex(of: name) else {
            throw .missingField(document: "charts_available", field: "charts[\"\(name)\"]")
        }
        let figure = try DocumentCursor.open(name, in: documents).field("figure")
        let facts = [
            ChatFact(
                label: language.pick("chart", "grafik"),
                value: name,
                kind: .text,
                document: "charts_available",
                field: "charts[\(index)]"
            ),
            try figure.field(path: "layout.title.text").fact(language.pick("chart title", "judul grafik"), .text),
            ChatFact(
                label: language.pick("charts available", "grafik yang tersedia"),
                value: available.joined(separator: ", "),
                kind: .text,
                document: "charts_available",
                field: "charts"
            ),
        ]
        return ChatEvidence(facts: facts, chart: figure.value, chartName: name)
    }
}
