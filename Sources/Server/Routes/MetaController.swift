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

    /// The OpenAPI 3.1 document, compiled into the binary (`.embedInCode`): an installed binary has no
    /// resource bundle beside it, and `Bundle.module` would stop the process when it finds none.
    public static let openAPIDocument = ByteBuffer(bytes: PackageResources.openapi_json)

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
        // A database that is down must not hold the probe: no answer within 2 s counts as unreachable.
        let reachable = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                do {
                    for try await _ in try await client.query("SELECT 1", logger: logger).decode(Int32.self) {}
                    return true
                } catch {
                    return false
                }
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(2))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
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
