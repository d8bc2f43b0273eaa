public import Logging
public import PostgresNIO

/// Applies ``Schema/migrations`` that a database has not seen yet, each in its own transaction, under an
/// advisory lock so two processes never migrate at once.
public struct Migrator: Sendable {
    /// What a migration run did.
    public struct Report: Sendable {
        /// Versions applied now, in order.
        public var applied: [Migration]
        /// The schema version after the run.
        public var currentVersion: Int
    }

    /// A migration that was applied with a different text than this build carries.
    public struct ChecksumMismatch: Error, Sendable, CustomStringConvertible {
        /// The version in question.
        public var version: Int
        /// Explanation.
        public var description: String {
            "migration \(version) was changed after it was applied to this database; add a new migration instead of editing an applied one"
        }
    }

    private let migrations: [Migration]

    /// Creates a migrator for `migrations` (default: all of finrca's).
    public init(migrations: [Migration] = Schema.migrations) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Brings the database to the newest schema version; idempotent.
    public func migrate(on connection: PostgresConnection, logger: Logger) async throws -> Report {
        try await JobLock.migrate.waitingForLock(on: connection, logger: logger) {
            try await applyPending(on: connection, logger: logger)
        }
    }

    /// The newest applied schema version, or nil when the database has never been migrated.
    public static func currentVersion(on connection: PostgresConnection, logger: Logger) async throws -> Int? {
        for try await exists
            in try await connection.query(
                "SELECT to_regclass('schema_migrations') IS NOT NULL",
                logger: logger
            )
            .decode(Bool.self) where !exists
        {
            return nil
        }
        for try await version
            in try await connection.query(
                "SELECT max(version)::int8 FROM schema_migrations",
                logger: logger
            )
            .decode(Int64?.self)
        {
            return version.map(Int.init)
        }
        return nil
    }

    private func applyPending(on connection: PostgresConnection, logger: Logger) async throws -> Report {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            logger: logger
        )
        var known: [Int: String] = [:]
        for try await (version, checksum)
            in try await connection.query(
                "SELECT version, checksum FROM schema_migrations",
                logger: logger
            )
            .decode((Int, String).self)
        {
            known[version] = checksum
        }
        var applied: [Migration] = []
        for migration in migrations {
            if let checksum = known[migration.version] {
                guard checksum == migration.checksum else { throw ChecksumMismatch(version: migration.version) }
                continue
            }
            try await connection.withTransaction(logger: logger) { connection in
                for statement in migration.statements {
                    try await connection.query("\(unescaped: statement)", logger: logger)
                }
                try await connection.query(
                    """
                    INSERT INTO schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """,
                    logger: logger
                )
            }
            logger.info("applied migration", metadata: ["db.migration": "\(migration.version) \(migration.name)"])
            applied.append(migration)
        }
        return Report(applied: applied, currentVersion: migrations.last?.version ?? 0)
    }
}
