public import Logging
public import PostgresNIO

/// The two route classes' statement timeouts. Every pooled connection starts with the cheap routes'
/// `statement_timeout` (a startup parameter, ``Database/clientConfiguration(_:statementTimeoutMilliseconds:)``);
/// the routes that read journal lines (finding lines, explore, the waterfall of other periods) run their
/// statements in a transaction that raises it to ``boundedMilliseconds``. A statement cancelled by either is
/// answered 503 `query_timeout` (``DatabaseErrorMiddleware``).
public struct StatementTimeouts: Sendable {
    /// `statement_timeout` of the routes reading journal lines, in milliseconds.
    public var boundedMilliseconds: Int

    /// Creates the timeouts; the default is `server.limits.bounded_statement_timeout_ms`'s.
    public init(boundedMilliseconds: Int = 30_000) {
        self.boundedMilliseconds = boundedMilliseconds
    }

    /// Runs `body` on a pooled connection inside a read-only transaction whose `statement_timeout` is
    /// ``boundedMilliseconds``.
    ///
    /// - Throws: What the database or `body` throws (a cancelled statement has SQLSTATE 57014).
    public func withBoundedConnection<Result: Sendable>(
        _ client: PostgresClient,
        logger: Logger,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let milliseconds = String(boundedMilliseconds)
        return try await client.withConnection { connection in
            _ = try await connection.query("BEGIN READ ONLY", logger: logger)
            do {
                for try await _ in try await connection.query(
                    "SELECT set_config('statement_timeout', \(milliseconds), true)",
                    logger: logger
                ) {}
                let result = try await body(connection)
                _ = try await connection.query("COMMIT", logger: logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }
}
