import ArgumentParser
import Foundation
import Ingestor
import Logging
import PostgresNIO
import Shared

/// `finrca status`: what the last scans did and what is waiting, for an operator at a terminal.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Database reachability, the last detector runs and loads, alerts waiting or dead, partition sizes, inbox.",
        discussion: "Exit codes: 0 the database is reachable; 3 it is not (the rest is then not shown).")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let logger = bootstrapLogging(configuration.log)
        try await withExitCodes {
            try await Database.withConnection(configuration.database, logger: logger) { connection in
                var lines = ["database: reachable at \(configuration.database)"]
                let version = try await Self.rows(
                    "SELECT coalesce(max(version), 0)::text FROM schema_migrations", on: connection, logger: logger, orEmptyIfMissing: true)
                lines.append("schema version: \(version.first?.first ?? "none (run finrca migrate)")")
                guard version.first?.first.map({ $0 != "0" }) == true else {
                    print(lines.joined(separator: "\n"))
                    return
                }
                lines.append("\nlast detector runs:")
                lines += try await Self.rows(
                    """
                    SELECT id::text, to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || 'Z',
                           coalesce(latest_period, '-'), rows_scanned::text, findings_total::text, findings_new::text,
                           to_char(extract(epoch FROM finished_at - started_at), 'FM999990.00') || ' s'
                    FROM detector_runs ORDER BY id DESC LIMIT 5
                    """, on: connection, logger: logger
                ).map { "  run \($0[0]) finished \($0[1]): through \($0[2]), \($0[3]) lines, \($0[4]) findings (\($0[5]) new), \($0[6])" }
                lines.append("\nlast loads:")
                lines += try await Self.rows(
                    """
                    SELECT id::text, file_name, status, rows_loaded::text, rows_rejected::text,
                           to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || 'Z'
                    FROM ingest_batches ORDER BY id DESC LIMIT 5
                    """, on: connection, logger: logger
                ).map { "  batch \($0[0]) \($0[1]): \($0[2]), \($0[3]) rows, \($0[4]) rejected, \($0[5])" }
                lines.append("\nalerts:")
                let alerts = try await Self.rows(
                    """
                    SELECT state, count(*)::text, coalesce(to_char(min(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || 'Z', '')
                    FROM alerts GROUP BY state ORDER BY array_position(ARRAY['pending','sending','retrying','dead','cancelled','delivered'], state)
                    """, on: connection, logger: logger)
                lines += alerts.isEmpty ? ["  none"] : alerts.map { "  \($0[0]): \($0[1])\($0[0] == "delivered" ? "" : " (oldest \($0[2]))")" }
                lines.append("\npartitions of finance_expense:")
                lines += try await Self.rows(
                    """
                    SELECT c.relname, to_char(c.reltuples::bigint, 'FM999,999,999,990'), pg_size_pretty(pg_total_relation_size(c.oid))
                    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = 'finance_expense'::regclass ORDER BY c.relname
                    """, on: connection, logger: logger
                ).map { "  \($0[0]): ~\($0[1]) rows, \($0[2])" }
                let inbox = Inbox(
                    inbox: configuration.ingest.inboxDirectory, archive: configuration.ingest.archiveDirectory,
                    failed: configuration.ingest.failedDirectory)
                let waiting = (try? inbox.pendingFiles().count).map { "\($0) file\($0 == 1 ? "" : "s") waiting" } ?? "not readable"
                lines.append("\ninbox \(inbox.inbox): \(waiting)")
                print(lines.joined(separator: "\n"))
            }
        }
    }

    /// Every row of `sql` as text columns (NULL as empty); with `orEmptyIfMissing`, no rows when a table is missing.
    static func rows(
        _ sql: String, on connection: PostgresConnection, logger: Logger, orEmptyIfMissing: Bool = false
    ) async throws -> [[String]] {
        do {
            var result: [[String]] = []
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {
                result.append(try row.map { try $0.decode(String?.self) ?? "" })
            }
            return result
        } catch where orEmptyIfMissing && Database.sqlState(error) == "42P01" {
            return []
        }
    }
}
