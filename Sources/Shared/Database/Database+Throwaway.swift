public import Logging
public import PostgresNIO

extension Database {
    /// Creates the empty database `name` on `server` (tests and benchmarks use throwaway databases).
    public static func createDatabase(_ name: String, on server: DatabaseConfiguration, logger: Logger) async throws {
        try await withConnection(server, logger: logger) { connection in
            try await connection.query("CREATE DATABASE \(unescaped: quotedIdentifier(name))", logger: logger)
        }
    }

    /// Drops the database `name` on `server` if it exists, ending its sessions.
    public static func dropDatabase(_ name: String, on server: DatabaseConfiguration, logger: Logger) async throws {
        try await withConnection(server, logger: logger) { connection in
            try await connection.query(
                "DROP DATABASE IF EXISTS \(unescaped: quotedIdentifier(name)) WITH (FORCE)",
                logger: logger
            )
        }
    }

    /// `name` as a quoted SQL identifier: `"a""b"` for `a"b`.
    public static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
