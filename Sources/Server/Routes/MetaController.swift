import Foundation
public import Hummingbird
public import Logging
import NIOCore
public import PostgresNIO
import Shared

/// `GET /`, `/health-check` and `/openapi.json`, without a token.
public struct MetaController: Sendable {
    let client: PostgresClient
    let store: DocumentStore
    let logger: Logger

    /// Creates the controller.
    public init(client: PostgresClient, store: DocumentStore, logger: Logger) {
        self.client = client
        self.store = store
        self.logger = logger
    }

    /// The OpenAPI 3.1 document, bundled with the server.
    public static let openAPIDocument: ByteBuffer = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else { return ByteBuffer(string: "{}") }
        return ByteBuffer(bytes: data)
    }()

    /// Adds the routes to `router`.
    public func add(to router: some RouterMethods<FinrcaRequestContext>) {
        router.get("/") { _, _ in
            Response.json(
                .object([
                    ("name", .string("finrca")), ("description", .string("general-ledger anomaly findings, read-only")),
                    ("documentation", .string("/openapi.json")),
                ])
            )
        }
        router.get("/openapi.json") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: Self.openAPIDocument)
            )
        }
        router.get("/health-check") { _, _ in try await health() }
    }

    func health() async throws -> Response {
        var reachable = true
        do {
            for try await _ in try await client.query("SELECT 1", logger: logger).decode(Int32.self) {}
        } catch {
            reachable = false
        }
        var lastRun: JSONValue = .null
        if let snapshot = store.current {
            lastRun = .object([
                ("id", .int(snapshot.runID)),
                ("finished_at", .string(ISO8601DateFormatter().string(from: snapshot.finishedAt))),
                ("age_seconds", .int(Int64(Date().timeIntervalSince(snapshot.finishedAt)))),
            ])
        }
        return .json(
            .object([
                ("status", .string(reachable ? "ok" : "degraded")),
                ("database", .object([("reachable", .bool(reachable))])),
                ("last_run", lastRun),
            ]),
            status: reachable ? .ok : .serviceUnavailable
        )
    }
}
