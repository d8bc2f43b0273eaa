public import Hummingbird
import Shared

/// The original API's read-only routes, each answered from the latest run's precomputed documents.
public struct DocumentController: Sendable {
    /// `group_by` values of `/eda/timeseries`.
    static let timeSeries = ["month_year", "fiscal_year", "posting_period"]
    /// `method` of `/anomaly/detect` → document.
    static let methods = [
        "all": "anomalies_all", "statistical": "anomalies_statistical", "ml": "anomalies_ml",
        "trends": "anomalies_trends",
    ]
    /// Fixed routes → document.
    static let fixed: [(path: String, document: String)] = [
        ("/eda", "eda_summary"), ("/anomaly/statistical", "anomalies_statistical"), ("/anomaly/ml", "anomalies_ml"),
        ("/anomaly/trends", "anomalies_trends"), ("/charts/trend", "chart_trend"),
        ("/charts/category-breakdown", "chart_category_breakdown"), ("/charts/heatmap", "chart_heatmap"),
        ("/charts/anomaly-scatter", "chart_anomaly_scatter"), ("/charts/available", "charts_available"),
        ("/dashboard", "dashboard"),
    ]

    let store: DocumentStore

    /// Creates the controller serving from `store`.
    public init(store: DocumentStore) {
        self.store = store
    }

    /// Adds the routes to `group` (which requires a token).
    public func add(to group: some RouterMethods<FinrcaRequestContext>) {
        for (path, name) in Self.fixed {
            group.get(RouterPath(path)) { request, _ in try document(name).response(to: request) }
        }
        group.get("/eda/breakdown/:dimension") { request, context in
            guard let dimension = context.parameters.get("dimension").flatMap(LedgerDimension.init(rawValue:)) else {
                throw APIError.badParameter("dimension", "dimension must be one of \(LedgerDimension.choices)")
            }
            return try document("breakdown_\(dimension.rawValue)").response(to: request)
        }
        group.get("/eda/timeseries") { request, _ in
            let groupBy = request.uri.queryParameters.get("group_by") ?? "month_year"
            guard Self.timeSeries.contains(groupBy) else {
                throw APIError.badParameter(
                    "group_by",
                    "group_by must be one of \(Self.timeSeries.joined(separator: ", "))"
                )
            }
            return try document("timeseries_\(groupBy)").response(to: request)
        }
        group.get("/anomaly/detect") { request, _ in
            let method = request.uri.queryParameters.get("method") ?? "all"
            guard let name = Self.methods[method] else {
                throw APIError.badParameter("method", "method must be one of all, statistical, ml, trends")
            }
            return try document(name).response(to: request)
        }
    }

    /// The document `name` of the run being served.
    ///
    /// - Throws: ``APIError`` 503 before the first run, 500 when the run lacks the document.
    func document(_ name: String) throws -> ServedDocument {
        guard let snapshot = store.current else { throw APIError.noRun }
        guard let document = snapshot.documents[name] else {
            throw APIError(
                .internalServerError,
                "missing_document",
                "detector run \(snapshot.runID) has no \(name) document"
            )
        }
        return document
    }
}
