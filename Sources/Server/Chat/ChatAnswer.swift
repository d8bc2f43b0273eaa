public import Shared

/// An answer to a chat question: its text, the facts it cites and the chart that fits.
public struct ChatAnswer: Sendable, Equatable {
    /// Who phrased the text.
    public enum Phrasing: String, Sendable, Hashable, Codable {
        /// ``AnswerComposer``, from the facts alone.
        case deterministic
        /// A language model, from the same facts, with every number checked by ``NumberGrounding``.
        case model
    }

    /// The answer.
    public var text: String
    /// What the question asked about.
    public var intent: ChatIntent
    /// The language of question and answer.
    public var language: ChatLanguage
    /// The figures the answer uses, each citing its document and field.
    public var facts: [ChatFact]
    /// A Plotly figure (`{"data", "layout"}`) when one fits.
    public var chart: JSONValue?
    /// The chart document's name, such as `chart_trend`.
    public var chartName: String?
    /// Who phrased ``text``.
    public var phrasing: Phrasing

    /// Creates an answer.
    public init(
        text: String,
        intent: ChatIntent,
        language: ChatLanguage,
        facts: [ChatFact],
        chart: JSONValue? = nil,
        chartName: String? = nil,
        phrasing: Phrasing = .deterministic
    ) {
        self.text = text
        self.intent = intent
        self.language = language
        self.facts = facts
        self.chart = chart
        self.chartName = chartName
        self.phrasing = phrasing
    }

    /// The answer as JSON: `text`, `intent`, `language`, `phrasing`, `facts`, `chart_name` and `chart` (null when
    /// none), for the HTTP response and the stored message.
    public var json: JSONValue {
        .object([
            ("text", .string(text)), ("intent", .string(intent.rawValue)), ("language", .string(language.rawValue)),
            ("phrasing", .string(phrasing.rawValue)), ("facts", .array(facts.map(\.json))),
            ("chart_name", chartName.map { .string($0) } ?? .null), ("chart", chart ?? .null),
        ])
    }
}
