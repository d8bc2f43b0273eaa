/// The one waterfall figure of a variance bridge (Plotly `{"data": [...], "layout": {...}}`, exact decimal
/// amounts), used by the detector's dashboard and the API's bridge for any two periods.
public enum WaterfallChart {
    /// Steps shown one by one; the rest are summed into one "other" step.
    public static let shownSteps = 15

    /// `dimension`, `from`, `to` and `figure`: the start total, the 15 largest contributions, the rest as
    /// "other", the end total. Without a bridge, an empty figure titled "No change to explain".
    public static func fields(_ bridge: VarianceBridge?, currency: String) -> [(String, JSONValue)] {
        guard let bridge else {
            return [("figure", .object([("data", .array([])), ("layout", title("No change to explain"))]))]
        }
        let shown = bridge.steps.prefix(shownSteps)
        let rest = bridge.steps.dropFirst(shownSteps)
        var labels: [JSONValue] = [.string(bridge.from.description)]
        var measures: [JSONValue] = [.string("absolute")]
        var values: [JSONValue] = [.decimal(bridge.start)]
        for step in shown {
            labels.append(.string(step.member))
            measures.append(.string("relative"))
            values.append(.decimal(step.contribution))
        }
        if !rest.isEmpty {
            labels.append(.string("other"))
            measures.append(.string("relative"))
            values.append(.decimal(rest.reduce(Money.zero) { $0 + $1.contribution }))
        }
        labels.append(.string(bridge.to.description))
        measures.append(.string("total"))
        values.append(.decimal(bridge.end))
        let trace: JSONValue = .object([
            ("type", .string("waterfall")), ("x", .array(labels)), ("measure", .array(measures)), ("y", .array(values)),
        ])
        let heading = "Change \(bridge.from) → \(bridge.to) by \(bridge.dimension.label) (\(currency))"
        return [
            ("dimension", .string(bridge.dimension.rawValue)), ("from", .string(bridge.from.description)),
            ("to", .string(bridge.to.description)),
            ("figure", .object([("data", .array([trace])), ("layout", title(heading))])),
        ]
    }

    private static func title(_ text: String) -> JSONValue {
        .object([("title", .object([("text", .string(text))]))])
    }
}
