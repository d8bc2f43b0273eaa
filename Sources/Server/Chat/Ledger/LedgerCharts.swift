import Shared

/// Plotly figures (`{"data", "layout"}`, as the Detector's chart documents) of an answer's own figures,
/// which the web app draws like the dashboard's charts.
enum LedgerCharts {
    /// Spend per period as a line; nil when there is no point.
    static func series(_ points: [(period: FiscalPeriod, amount: Money)], title: String, _ currency: String)
        -> JSONValue?
    {
        guard !points.isEmpty else { return nil }
        return figure(
            .object([
                ("type", .string("scatter")), ("mode", .string("lines+markers")),
                ("x", .array(points.map { .string($0.period.description) })),
                ("y", .array(points.map { .decimal($0.amount) })),
            ]),
            title: "\(title) (\(currency))"
        )
    }

    /// One bar per label; nil when there is none.
    static func bars(labels: [String], amounts: [Money], title: String, _ currency: String) -> JSONValue? {
        guard !labels.isEmpty else { return nil }
        return figure(
            .object([
                ("type", .string("bar")), ("x", .array(labels.map { .string($0) })),
                ("y", .array(amounts.map { .decimal($0) })),
            ]),
            title: "\(title) (\(currency))"
        )
    }

    private static func figure(_ trace: JSONValue, title: String) -> JSONValue {
        .object([
            ("data", .array([trace])),
            ("layout", .object([("title", .object([("text", .string(title))]))])),
        ])
    }
}
