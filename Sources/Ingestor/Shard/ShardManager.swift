public import Logging
public import PostgresNIO
public import Shared

/// Fiscal-year partitions of `finance_expense` that live on other PostgreSQL servers, as `postgres_fdw` foreign
/// tables (`finrca shard attach`).
///
/// A load writes a foreign partition exactly as a local one (`COPY` into the partition, which postgres_fdw turns
/// into inserts on the shard inside the load's transaction); the detector and the server read the parent table and
/// never name a partition. The shard's table gets the parent's columns (the generated `amount` included: postgres_fdw
/// does not send generated columns, the shard computes them), its CHECK constraints (a foreign table's constraints
/// are not enforced by the coordinator) and the partition's BRIN index, summarised by the shard's autovacuum.
public struct ShardManager: Sendable {
    let logger: Logger

    /// Creates the manager.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// What ``attach(fiscalYear:shard:on:)`` did.
    public struct Attachment: Sendable, Equatable {
        /// The partition, e.g. `finance_expense_y2024`.
        public var partition: String
        /// The foreign server's name on the coordinator, e.g. `finrca_shard_y2024`.
        public var server: String
        /// Journal lines the shard's table already held.
        public var rows: Int64
    }

    /// Makes `fiscalYear`'s partition a foreign table on `shard`: creates the table there (when missing), the
    /// foreign server, a user mapping for every role and the foreign partition here, and turns on partition-wise
    /// aggregation for the database (so aggregates grouped by fiscal year run on the shards).
    ///
    /// Runs under ``JobLock/ingest``, so no load is writing meanwhile.
    ///
    /// - Throws: ``ShardError`` when the year already has a partition or is out of range; database errors
    ///   (the shard unreachable, `postgres_fdw` not installed) otherwise.
    public func attach(
        fiscalYear: Int,
        shard: DatabaseConfiguration,
        on connection: PostgresConnection
    ) async throws -> Attachment {
        guard Schema.fiscalYears.contains(fiscalYear) else {
            throw ShardError(fiscalYear: fiscalYear, reason: "is outside \(Schema.fiscalYears)")
        }
        let partition = Schema.partitionName(fiscalYear: fiscalYear)
        let server = "finrca_shard_y\(fiscalYear)"
        return try await JobLock.ingest.waitingForLock(on: connection, logger: logger) {
            if let kind = try await partitionKind(partition, on: connection) {
                throw ShardError(
                    fiscalYear: fiscalYear,
                    reason: "already has a partition (\(kind == "f" ? "foreign" : "local")); nothing was changed"
                )
            }
            let table = try await shardTableStatements(fiscalYear: fiscalYear, on: connection)
            let rows = try await Database.withConnection(shard, logger: logger) { remote in
                for statement in table {
                    try await remote.query("\(unescaped: statement)", logger: logger)
                }
                var stored: Int64 = 0
                for try await count
                    in try await remote.query("SELECT count(*)::int8 FROM \(unescaped: partition)", logger: logger)
                    .decode(Int64.self)
                {
                    stored = count
                }
                return stored
            }
            try await connection.transaction(logger: logger) { connection in
                for statement in try await foreignPartitionStatements(
                    fiscalYear: fiscalYear,
                    server: server,
                    shard: shard,
                    on: connection
                ) {
                    try await connection.query("\(unescaped: statement)", logger: logger)
                }
                return .commit(())
            }
            logger.info(
                "attached foreign partition",
                metadata: ["etl.partition": "\(partition)", "etl.shard": "\(shard)"]
            )
            return Attachment(partition: partition, server: server, rows: rows)
        }
    }

    /// `r` (local table) or `f` (foreign table) for an existing partition, nil when there is none.
    private func partitionKind(_ partition: String, on connection: PostgresConnection) async throws -> String? {
        for try await kind
            in try await connection.query(
                "SELECT relkind::text FROM pg_class WHERE relname = \(partition) AND relnamespace = 'public'::regnamespace",
                logger: logger
            )
            .decode(String.self)
        {
            return kind
        }
        return nil
    }

    /// DDL for the shard: a table named like the partition with the parent's columns, NOT NULLs, generated column
    /// and CHECK constraints, read from this database's catalog (so it follows later migrations), plus the fiscal
    /// year's own CHECK and the partition's BRIN index (autosummarised: no coordinator summarises it).
    private func shardTableStatements(fiscalYear: Int, on connection: PostgresConnection) async throws -> [String] {
        let partition = Schema.partitionName(fiscalYear: fiscalYear)
        var definition: String?
        for try await text
            in try await connection.query(
                """
                SELECT format('CREATE TABLE IF NOT EXISTS %I (%s, %s, CHECK (general_ledger_fiscal_year = %s))', \(partition),
                    (SELECT string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod))
                            || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                            || CASE WHEN a.attgenerated = 's'
                                    THEN ' GENERATED ALWAYS AS (' || pg_get_expr(d.adbin, d.adrelid) || ') STORED' ELSE '' END,
                            ', ' ORDER BY a.attnum)
                     FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                     WHERE a.attrelid = 'finance_expense'::regclass AND a.attnum > 0 AND NOT a.attisdropped),
                    (SELECT string_agg(pg_get_constraintdef(oid), ', ' ORDER BY conname)
                     FROM pg_constraint WHERE conrelid = 'finance_expense'::regclass AND contype = 'c'),
                    \(Int32(fiscalYear)))
                """,
                logger: logger
            )
            .decode(String.self)
        {
            definition = text
        }
        guard let definition else { throw ShardError(fiscalYear: fiscalYear, reason: "finance_expense is missing") }
        return [definition] + Schema.partitionIndexes(fiscalYear: fiscalYear, autosummarize: true).map(\.statement)
    }

    /// DDL for this database: the `postgres_fdw` extension, the shard's server and user mapping (for every role, so
    /// the API's sessions can read it), the foreign partition, and partition-wise aggregation for the database. The
    /// values are quoted by PostgreSQL (`format` with `%I` and `%L`).
    private func foreignPartitionStatements(
        fiscalYear: Int,
        server: String,
        shard: DatabaseConfiguration,
        on connection: PostgresConnection
    ) async throws -> [String] {
        let partition = Schema.partitionName(fiscalYear: fiscalYear)
        var statements = ["CREATE EXTENSION IF NOT EXISTS postgres_fdw"]
        for try await (createServer, mapping, table, aggregation)
            in try await connection.query(
                """
                SELECT format('CREATE SERVER %I FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host %L, port %L, dbname %L, fetch_size %L, async_capable %L)',
                              \(server), \(shard.host), \(String(shard.port)), \(shard.database), '10000', 'true'),
                       format('CREATE USER MAPPING FOR PUBLIC SERVER %I OPTIONS (user %L%s)', \(server), \(shard.username),
                              CASE WHEN \(shard.password)::text IS NULL THEN '' ELSE format(', password %L', \(shard.password)::text) END),
                       format('CREATE FOREIGN TABLE %I PARTITION OF finance_expense FOR VALUES IN (%s) SERVER %I OPTIONS (schema_name %L, table_name %L)',
                              \(partition), \(Int32(fiscalYear)), \(server), 'public', \(partition)),
                       format('ALTER DATABASE %I SET enable_partitionwise_aggregate = on', current_database())
                """,
                logger: logger
            )
            .decode((String, String, String, String).self)
        {
            statements += [createServer, mapping, table, aggregation]
        }
        return statements
    }
}

/// A fiscal year cannot be attached to a shard.
public struct ShardError: Error, Sendable, CustomStringConvertible {
    /// The year.
    public var fiscalYear: Int
    /// Why.
    public var reason: String

    /// Explanation.
    public var description: String {
        "fiscal year \(fiscalYear) \(reason)"
    }
}
