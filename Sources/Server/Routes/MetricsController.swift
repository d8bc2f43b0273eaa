import Foundation
public import Hummingbird
public import Logging
import NIOCore
public import PostgresNIO
public import Prometheus
import Shared

/// `GET /metrics`: the process's own metrics (HTTP requests and latency, recorded by Hummingbird's
/// `MetricsMiddleware`) followed by gauges read from the database at scrape time, so the batch jobs'
/// results are visible without a push gateway: rows loaded and rejected, last detector run, findings by kind
/// and severity, alerts by channel and state.
public struct MetricsController: Sendable {
    let registry: PrometheusCollectorRegistry
    let client: PostgresClient
    let logger: Logger

    /// Creates the controller.
    public init(registry: PrometheusCollectorRegistry, client: PostgresClient, logger: Logger) {
        self.registry = registry
        self.client = client
        self.logger = logger
    }

    /// Adds the route to `router`.
    public func add(to router: some RouterMethods<FinrcaRequestContext>) {
        router.get("/metrics") { _, _ in
            var text = registry.emitToString()
            text += try await databaseGauges()
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text))
            )
        }
    }

    /// The database gauges in the Prometheus text format.
    func databaseGauges() async throws -> String {
        var lines: [String] = []
        func family(_ name: String, _ type: String, _ help: String, _ query: PostgresQuery, labels: [String])
            async throws
        {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            for try await row in try await client.query(query, logger: logger).decode([String].self) {
                let pairs = zip(labels, row.dropLast()).map { "\($0)=\"\(Self.escape($1))\"" }
                lines.append(
                    "\(name)\(pairs.isEmpty ? "" : "{" + pairs.joined(separator: ",") + "}") \(row.last ?? "0")"
                )
            }
        }
        try await family(
            "finrca_ingest_rows",
            "gauge",
            "Rows of loaded batches, by outcome.",
            """
            SELECT ARRAY[\(BatchStatus.loaded.rawValue)::text, coalesce(sum(rows_loaded), 0)::text] FROM ingest_batches
            WHERE status = \(BatchStatus.loaded.rawValue)
            UNION ALL
            SELECT ARRAY[\(BatchStatus.rejected.rawValue)::text, coalesce(sum(rows_rejected), 0)::text] FROM ingest_batches
            """,
            labels: ["outcome"]
        )
        try await family(
            "finrca_ingest_batches",
            "gauge",
            "Ingest batches by status.",
            "SELECT ARRAY[status, count(*)::text] FROM ingest_batches GROUP BY status ORDER BY status",
            labels: ["status"]
        )
        try await family(
            "finrca_detector_last_run_duration_seconds",
            "gauge",
            "Wall time of the latest detector run.",
            "SELECT ARRAY[extract(epoch FROM finished_at - started_at)::text] FROM detector_runs ORDER BY id DESC LIMIT 1",
            labels: []
        )
        try await family(
            "finrca_detector_last_run_timestamp_seconds",
            "gauge",
            "When the latest detector run finished (Unix time).",
            "SELECT ARRAY[extract(epoch FROM finished_at)::text] FROM detector_runs ORDER BY id DESC LIMIT 1",
            labels: []
        )
        try await family(
            "finrca_findings",
            "gauge",
            "Findings of the latest detector run by kind and severity.",
            """
            SELECT ARRAY[kind, severity, count(*)::text] FROM findings
            WHERE last_run_id = (SELECT max(id) FROM detector_runs) GROUP BY kind, severity ORDER BY kind, severity
            """,
            labels: ["kind", "severity"]
        )
        try await family(
            "finrca_alerts",
            "gauge",
            "Alerts by channel and state.",
            "SELECT ARRAY[channel, state, count(*)::text] FROM alerts GROUP BY channel, state ORDER BY channel, state",
            labels: ["channel", "state"]
        )
        return lines.joined(separator: "\n") + "\n"
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
