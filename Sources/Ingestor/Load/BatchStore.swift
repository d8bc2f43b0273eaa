import Foundation
public import Logging
public import PostgresNIO
public import Shared

/// All SQL on `ingest_batches` and `ingest_rejects`: a batch's record from `loading` to its end.
public struct BatchStore: Sendable {
    let logger: Logger

    /// Creates the store.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Records a new batch with `status` and returns its id.
    func insert(
        path: String,
        fileName: String,
        fileSize: Int,
        profile: String,
        status: BatchStatus,
        on connection: PostgresConnection
    ) async throws -> Int64 {
        let rows = try await connection.query(
            """
            INSERT INTO ingest_batches (file_name, file_path, file_size, profile, status)
            VALUES (\(fileName), \(path), \(Int64(fileSize)), \(profile), \(status.rawValue))
            RETURNING id
            """,
            logger: logger
        )
        for try await id in rows.decode(Int64.self) { return id }
        throw BatchRecordError(reason: "INSERT INTO ingest_batches returned no id")
    }

    /// Records that batch `id` repeats `earlier` byte for byte; nothing of it was loaded.
    func markDuplicate(_ id: Int64, sha256: String, of earlier: LoadedBatch, on connection: PostgresConnection)
        async throws
    {
        try await connection.query(
            """
            UPDATE ingest_batches SET status = \(BatchStatus.duplicate.rawValue), sha256 = \(sha256),
                duplicate_of = \(earlier.id), finished_at = now(),
                message = \("identical to batch \(earlier.id) (\(earlier.fileName)); nothing loaded")
            WHERE id = \(id)
            """,
            logger: logger
        )
    }

    /// Records the end of a load whose rows are committed with it.
    func markLoaded(_ report: IngestReport, on connection: PostgresConnection) async throws {
        let years = report.fiscalYears.keys.compactMap { Int16($0) }.sorted()
        try await connection.query(
            """
            UPDATE ingest_batches SET status = \(BatchStatus.loaded.rawValue), sha256 = \(report.sha256),
                rows_read = \(report.rowsRead), rows_loaded = \(report.rowsLoaded), rows_rejected = \(report.rowsRejected),
                blank_lines = \(report.blankLines), total_amount = \(report.total.description)::numeric,
                fiscal_years = \(years), replaces = \(report.replaced),
                message = \(report.rowsRejected > 0 ? "\(report.rowsRejected) rows rejected (see ingest_rejects)" : nil),
                finished_at = now()
            WHERE id = \(report.batchID)
            """,
            logger: logger
        )
    }

    /// Records the end of a load whose rows were rolled back (rejected or duplicate).
    func markRolledBack(_ report: IngestReport, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            UPDATE ingest_batches SET status = \(report.status.batchStatus.rawValue), sha256 = \(report.sha256),
                rows_read = \(report.rowsRead), rows_loaded = 0, rows_rejected = \(report.rowsRejected),
                blank_lines = \(report.blankLines), duplicate_of = \(report.duplicateOf), message = \(report.message),
                finished_at = now()
            WHERE id = \(report.batchID)
            """,
            logger: logger
        )
    }

    /// Records that batch `id` was refused before any row was stored (unreadable file, bad header).
    func markRejected(_ id: Int64, message: String, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            UPDATE ingest_batches SET status = \(BatchStatus.rejected.rawValue), message = \(message), finished_at = now()
            WHERE id = \(id)
            """,
            logger: logger
        )
    }

    /// Deletes the rows of loaded batch `previous` and records that batch `id` replaced it.
    func replace(_ previous: Int64, by id: Int64, on connection: PostgresConnection) async throws {
        try await connection.query("DELETE FROM finance_expense WHERE batch_id = \(previous)", logger: logger)
        try await connection.query(
            """
            UPDATE ingest_batches SET status = \(BatchStatus.replaced.rawValue), message = \("replaced by batch \(id)")
            WHERE id = \(previous)
            """,
            logger: logger
        )
    }

    /// Marks `loading` batches whose process is gone (their ``JobLock/batch(_:)`` is free) as `aborted`.
    func markAbandoned(on connection: PostgresConnection) async throws {
        var loading: [Int64] = []
        for try await id
            in try await connection.query(
                "SELECT id FROM ingest_batches WHERE status = \(BatchStatus.loading.rawValue)",
                logger: logger
            )
            .decode(Int64.self)
        {
            loading.append(id)
        }
        for id in loading {
            let marked: Void? = try await JobLock.batch(id)
                .ifFree(on: connection, logger: logger) {
                    try await connection.query(
                        """
                        UPDATE ingest_batches SET status = \(BatchStatus.aborted.rawValue), finished_at = now(),
                            message = 'the loading process ended before COMMIT (crash or kill); none of its rows were stored'
                        WHERE id = \(id) AND status = \(BatchStatus.loading.rawValue)
                        """,
                        logger: logger
                    )
                }
            if marked != nil { logger.warning("marked abandoned batch as aborted", metadata: ["etl.batch": "\(id)"]) }
        }
    }

    /// Loaded batches of exactly `size` bytes (candidates for a repeated file).
    func loaded(sizedLike size: Int, on connection: PostgresConnection) async throws -> [LoadedBatch] {
        var result: [LoadedBatch] = []
        for try await (id, name, digest)
            in try await connection.query(
                """
                SELECT id, file_name, sha256 FROM ingest_batches
                WHERE status = \(BatchStatus.loaded.rawValue) AND file_size = \(Int64(size))
                """,
                logger: logger
            )
            .decode((Int64, String, String).self)
        {
            result.append(LoadedBatch(id: id, fileName: name, sha256: digest))
        }
        return result
    }

    /// The loaded batch with this SHA-256, if any.
    func loaded(sha256: String, on connection: PostgresConnection) async throws -> LoadedBatch? {
        for try await (id, name)
            in try await connection.query(
                """
                SELECT id, file_name FROM ingest_batches WHERE status = \(BatchStatus.loaded.rawValue) AND sha256 = \(sha256)
                """,
                logger: logger
            )
            .decode((Int64, String).self)
        {
            return LoadedBatch(id: id, fileName: name, sha256: sha256)
        }
        return nil
    }

    /// The latest loaded batch of a file with this name, if any.
    func latestLoaded(named fileName: String, on connection: PostgresConnection) async throws -> Int64? {
        for try await id
            in try await connection.query(
                """
                SELECT id FROM ingest_batches WHERE status = \(BatchStatus.loaded.rawValue) AND file_name = \(fileName)
                ORDER BY id DESC LIMIT 1
                """,
                logger: logger
            )
            .decode(Int64.self)
        {
            return id
        }
        return nil
    }

    /// Rows and signed total per fiscal year that `finance_expense` holds for batch `id`.
    func storedTotals(ofBatch id: Int64, on connection: PostgresConnection) async throws -> [Int: TranscodeTotals
        .YearTotal]
    {
        var stored: [Int: TranscodeTotals.YearTotal] = [:]
        for try await (year, count, sum)
            in try await connection.query(
                """
                SELECT general_ledger_fiscal_year::int8, count(*)::int8, sum(amount)::text
                FROM finance_expense WHERE batch_id = \(id) GROUP BY 1
                """,
                logger: logger
            )
            .decode((Int64, Int64, String).self)
        {
            stored[Int(year)] = .init(rows: Int(count), minorUnits: Money(decimalText: sum)?.minorUnits ?? .min)
        }
        return stored
    }

    /// Stores rejected rows of batch `id` (NUL characters, which PostgreSQL text cannot hold, replaced).
    func storeRejects(_ rejects: [RejectedRow], ofBatch id: Int64, on connection: PostgresConnection) async throws {
        for start in stride(from: 0, to: rejects.count, by: 5000) {
            let slice = rejects[start..<min(start + 5000, rejects.count)]
            try await connection.query(
                """
                INSERT INTO ingest_rejects (batch_id, line, column_name, reason, raw_line)
                SELECT \(id), line, NULLIF(column_name, ''), reason, raw_line
                FROM unnest(\(slice.map { Int64($0.line) }), \(slice.map { $0.column ?? "" }),
                            \(slice.map(\.reason)), \(slice.map { Self.storable($0.rawLine) }))
                    AS r(line, column_name, reason, raw_line)
                """,
                logger: logger
            )
        }
    }

    /// Text PostgreSQL can store: NUL characters replaced.
    private static func storable(_ text: String) -> String {
        text.contains("\u{0}") ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
    }
}

/// `ingest_batches` did not answer as expected.
public struct BatchRecordError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var reason: String

    /// The reason.
    public var description: String { reason }
}
