public import Foundation
public import PostgresNIO
public import Shared

/// A batch as `finrca status` lists it.
public struct BatchSummary: Sendable {
    /// `ingest_batches.id`.
    public var id: Int64
    /// The file's name.
    public var fileName: String
    /// Where the batch is in its life.
    public var status: BatchStatus
    /// Rows stored.
    public var rowsLoaded: Int64
    /// Rows refused.
    public var rowsRejected: Int64
    /// When the load began.
    public var startedAt: Date
}

/// A partition of `finance_expense` with its estimated rows and its size on disk.
public struct PartitionSize: Sendable {
    /// e.g. `finance_expense_y2024`.
    public var name: String
    /// The planner's row estimate (`reltuples`).
    public var estimatedRows: Int64
    /// Table and indexes on disk, as PostgreSQL writes it (`pg_size_pretty`, e.g. `412 MB`).
    public var size: String
}

extension BatchStore {
    /// The latest `limit` batches, newest first.
    public func recent(limit: Int, on connection: PostgresConnection) async throws -> [BatchSummary] {
        var batches: [BatchSummary] = []
        for try await (id, name, status, loaded, rejected, started)
            in try await connection.query(
                """
                SELECT id, file_name, status, rows_loaded::int8, rows_rejected::int8, started_at
                FROM ingest_batches ORDER BY id DESC LIMIT \(Int64(limit))
                """,
                logger: logger
            )
            .decode((Int64, String, String, Int64, Int64, Date).self)
        {
            guard let status = BatchStatus(rawValue: status) else {
                throw UnknownVocabularyError(table: "ingest_batches", id: id, values: [status])
            }
            batches.append(
                BatchSummary(
                    id: id,
                    fileName: name,
                    status: status,
                    rowsLoaded: loaded,
                    rowsRejected: rejected,
                    startedAt: started
                )
            )
        }
        return batches
    }
}

extension PartitionManager {
    /// Every partition of `finance_expense`, by name.
    public func sizes(on connection: PostgresConnection) async throws -> [PartitionSize] {
        var sizes: [PartitionSize] = []
        for try await (name, rows, size)
            in try await connection.query(
                """
                SELECT c.relname, greatest(c.reltuples, 0)::int8, pg_size_pretty(pg_total_relation_size(c.oid))
                FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'finance_expense'::regclass ORDER BY c.relname
                """,
                logger: logger
            )
            .decode((String, Int64, String).self)
        {
            sizes.append(PartitionSize(name: name, estimatedRows: rows, size: size))
        }
        return sizes
    }
}
