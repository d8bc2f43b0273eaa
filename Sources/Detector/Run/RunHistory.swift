public import Foundation
public import Logging
public import PostgresNIO

/// A committed detector run as `finrca status` lists it.
public struct RunSummary: Sendable {
    /// `detector_runs.id`.
    public var id: Int64
    /// When it began and finished.
    public var startedAt: Date
    /// When it finished.
    public var finishedAt: Date
    /// The latest period analysed.
    public var latestPeriod: String?
    /// Journal lines read.
    public var rowsScanned: Int64
    /// Findings it stored, and how many of them were new.
    public var findingsTotal: Int
    /// Findings first seen in it.
    public var findingsNew: Int
}

/// Reads the record of past detector runs (`detector_runs`).
public struct RunHistory: Sendable {
    let logger: Logger

    /// Creates the reader.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// The latest `limit` runs, newest first.
    public func recent(limit: Int, on connection: PostgresConnection) async throws -> [RunSummary] {
        var runs: [RunSummary] = []
        for try await (id, started, finished, period, rows, total, new)
            in try await connection.query(
                """
                SELECT id, started_at, finished_at, latest_period, rows_scanned, findings_total::int8, findings_new::int8
                FROM detector_runs ORDER BY id DESC LIMIT \(Int64(limit))
                """,
                logger: logger
            )
            .decode((Int64, Date, Date, String?, Int64, Int64, Int64).self)
        {
            runs.append(
                RunSummary(
                    id: id,
                    startedAt: started,
                    finishedAt: finished,
                    latestPeriod: period,
                    rowsScanned: rows,
                    findingsTotal: Int(total),
                    findingsNew: Int(new)
                )
            )
        }
        return runs
    }
}
