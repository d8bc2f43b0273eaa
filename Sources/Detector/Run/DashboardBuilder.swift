public import Foundation
public import Shared

/// Builds the precomputed dashboard documents of a run: summary, EDA, breakdowns, time series, anomalies per
/// method and Plotly chart figures. Every amount is an exact decimal; every document carries its `schema`.
public struct DashboardBuilder: Sendable {
    /// What the documents are built from.
    public struct Inputs: Sendable {
        /// The run's currency.
        public var currency: String
        /// The latest period analysed.
        public var latestPeriod: FiscalPeriod?
        /// All journal lines.
        public var columns: LedgerColumns
        /// Per-period totals by slice (from PostgreSQL).
        public var sliceTotals: [LedgerReader.SliceTotal]
        /// The run's findings.
        public var findings: [Finding]
        /// Flagged lines of the statistical pass, highest score first.
        public var statisticalFlags: [ScoredLine]
        /// Flagged lines of the Isolation Forest, highest score first.
        public var forestFlags: [ScoredLine]
        /// Flagged changes.
        public var changes: [SliceChange]
        /// Root-cause analysis of the latest period's change at organisation level.
        public var latestExplanation: ChangeExplanation?
        /// Whether the latest period looked incomplete.
        public var provisional: Bool
        /// When the run started.
        public var generatedAt: Date
    }

    /// Names of the chart documents, for `/charts/available`.
    public static let chartNames = [
        "chart_trend", "chart_category_breakdown", "chart_heatmap", "chart_anomaly_scatter", "chart_rca_waterfall",
    ]

    /// Builds every document.
    public static func documents(_ inputs: Inputs) -> [RunWriter.Document] {
        var documents: [RunWriter.Document] = []
        func add(_ name: String, _ schema: String, _ fields: [(String, JSONValue)]) {
            documents.append(
                RunWriter.Document(name: name, schema: schema, content: .object([("schema", .string(schema))] + fields))
            )
        }
        let columns = inputs.columns
        let totalByPeriod = Self.totals(inputs.sliceTotals, dimension: nil)

        add("summary", "finrca.summary/1", summary(inputs))
        add("eda_summary", "finrca.eda/1", eda(inputs))
        for dimension in LedgerDimension.allCases {
            add("breakdown_\(dimension.rawValue)", "finrca.breakdown/1", breakdown(dimension, columns: columns))
        }
        for (groupBy, points) in timeSeries(totalByPeriod) {
            add("timeseries_\(groupBy)", "finrca.timeseries/1", [("group_by", .string(groupBy)), ("points", points)])
        }
        add(
            "anomalies_statistical",
            "finrca.anomalies/1",
            // Every flagged line (at most 1 % of the ledger): the findings are capped, the flags are not.
            anomalies(method: "statistical", inputs.statisticalFlags, columns: columns, limit: Int.max)
        )
        add(
            "anomalies_ml",
            "finrca.anomalies/1",
            anomalies(method: "isolation_forest", inputs.forestFlags, columns: columns)
        )
        add("anomalies_trends", "finrca.anomalies/1", trendChanges(inputs.changes))
        add("chart_trend", "finrca.chart/1", Charts.trend(totalByPeriod, currency: inputs.currency))
        add(
            "chart_category_breakdown",
            "finrca.chart/1",
            Charts.categoryBreakdown(columns: columns, currency: inputs.currency)
        )
        add("chart_heatmap", "finrca.chart/1", Charts.heatmap(inputs.sliceTotals, currency: inputs.currency))
        add(
            "chart_anomaly_scatter",
            "finrca.chart/1",
            Charts.anomalyScatter(columns: columns, flags: inputs.statisticalFlags, currency: inputs.currency)
        )
        add(
            "chart_rca_waterfall",
            "finrca.chart/1",
            WaterfallChart.fields(inputs.latestExplanation?.bridges.first, currency: inputs.currency)
        )
        if let explanation = inputs.latestExplanation {
            add("rca_latest", "finrca.rca/1", Self.rca(explanation))
        }
        add("charts_available", "finrca.charts/1", [("charts", .array(chartNames.map { .string($0) }))])
        return documents
    }
}
