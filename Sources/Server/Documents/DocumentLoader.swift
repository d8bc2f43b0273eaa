import Foundation
public import Logging
public import PostgresNIO
import Shared

/// Reads the latest detector run's documents from PostgreSQL into the ``DocumentStore`` when a newer run lands.
public struct DocumentLoader: Sendable {
    private let client: PostgresClient
    private let store: DocumentStore
    private let logger: Logger

    /// Creates a loader filling `store` from `client`.
    public init(client: PostgresClient, store: DocumentStore, logger: Logger) {
        self.client = client
        self.store = store
        self.logger = logger
    }

    /// Loads the latest run's documents if that run is newer than the one served; returns whether it did.
    @discardableResult
    public func refresh() async throws -> Bool {
        var latest: (Int64, Date)?
        for try await row
            in try await client.query(
                "SELECT id, finished_at FROM detector_runs ORDER BY id DESC LIMIT 1",
                logger: logger
            )
            .decode((Int64, Date).self)
        { latest = row }
        guard let (runID, finishedAt) = latest, runID != store.current?.runID else { return false }
        var texts: [String: String] = [:]
        for try await (name, text)
            in try await client.query(
                "SELECT name, document::text FROM dashboard_documents WHERE run_id = \(runID)",
                logger: logger
            )
            .decode((String, String).self)
        { texts[name] = text }
        store.replace(with: try DocumentSnapshot(runID: runID, finishedAt: finishedAt, texts: texts))
        logger.info("serving detector run", metadata: ["run": "\(runID)", "documents": "\(texts.count)"])
        return true
    }
}
