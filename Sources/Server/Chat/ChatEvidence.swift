public import Shared

/// What ``FactCollector`` found for a question: the facts, and the chart that fits, if one does.
public struct ChatEvidence: Sendable, Equatable {
    /// The facts, in the order an answer presents them.
    public var facts: [ChatFact]
    /// A Plotly figure (`{"data": [...], "layout": {...}}`) from a `chart_*` document.
    public var chart: JSONValue?
    /// The chart document's name, such as `chart_trend`.
    public var chartName: String?

    /// Creates evidence.
    public init(facts: [ChatFact], chart: JSONValue? = nil, chartName: String? = nil) {
        self.facts = facts
        self.chart = chart
        self.chartName = chartName
    }
}
