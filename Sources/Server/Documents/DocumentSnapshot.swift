public import Foundation
import HTTPTypes
public import Shared

/// The documents of one detector run, as served.
public struct DocumentSnapshot: Sendable {
    /// `detector_runs.id`.
    public var runID: Int64
    /// When the run finished.
    public var finishedAt: Date
    /// Documents by name: the run's own plus the composed `dashboard` and `anomalies_all`.
    public var documents: [String: ServedDocument]

    /// Builds a snapshot from the run's stored documents (name → JSON text), adding the composed ones.
    ///
    /// - Throws: ``APIError`` naming a document the run should have and does not; parsing errors.
    public init(runID: Int64, finishedAt: Date, texts: [String: String]) throws {
        self.runID = runID
        self.finishedAt = finishedAt
        var documents: [String: ServedDocument] = [:]
        for (name, text) in texts {
            documents[name] = try ServedDocument(name: name, text: text, runID: runID)
        }
        func content(_ name: String) throws -> JSONValue {
            guard let document = documents[name] else {
                throw APIError(.internalServerError, "incomplete_run", "detector run \(runID) has no \(name) document")
            }
            return document.content
        }
        documents["anomalies_all"] = try ServedDocument(
            name: "anomalies_all",
            content: .object([
                ("schema", .string("finrca.anomalies_all/1")), ("run_id", .int(runID)),
                ("statistical", try content("anomalies_statistical")), ("ml", try content("anomalies_ml")),
                ("trends", try content("anomalies_trends")),
            ]),
            runID: runID
        )
        documents["dashboard"] = try ServedDocument(
            name: "dashboard",
            content: .object([
                ("schema", .string("finrca.dashboard/1")), ("run_id", .int(runID)),
                ("finished_at", .string(ISO8601DateFormatter().string(from: finishedAt))),
                ("summary", try content("summary")), ("eda", try content("eda_summary")),
                ("charts", .object(try Self.dashboardCharts.map { key, name in (key, try content(name)) })),
            ]),
            runID: runID
        )
        self.documents = documents
    }

    /// The charts the dashboard carries: response key → document name.
    static let dashboardCharts = [
        ("trend", "chart_trend"), ("category_breakdown", "chart_category_breakdown"), ("heatmap", "chart_heatmap"),
        ("anomaly_scatter", "chart_anomaly_scatter"), ("rca_waterfall", "chart_rca_waterfall"),
    ]

    /// Parsed contents by name, for the chat.
    public var contents: [String: JSONValue] {
        documents.mapValues(\.content)
    }
}
