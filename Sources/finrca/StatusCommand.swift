import ArgumentParser
import Detector
import Foundation
import Ingestor
import Logging
import Notifier
import PostgresNIO
import Shared

/// `finrca status`: what the last scans did and what is waiting, for an operator at a terminal.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract:
            "Database reachability, the last detector runs and loads, alerts waiting or dead, partition sizes, inbox.",
        discussion: "Exit codes: 0 the database is reachable; 3 it is not (the rest is then not shown)."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let logger = bootstrapLogging(configuration.log)
        try await withExitCodes {
            try await Database.withConnection(configuration.database, logger: logger) { connection in
                var lines = ["database: reachable at \(configuration.database)"]
                let version = try await Migrator.currentVersion(on: connection, logger: logger)
                lines.append("schema version: \(version.map(String.init) ?? "none (run finrca migrate)")")
                guard let version, version > 0 else {
                    print(lines.joined(separator: "\n"))
                    return
                }
                lines.append("\nlast detector runs:")
                lines += try await RunHistory(logger: logger).recent(limit: 5, on: connection)
                    .map { run in
                        let seconds = String(format: "%.2f", run.finishedAt.timeIntervalSince(run.startedAt))
                        return
                            "  run \(run.id) finished \(Self.utc(run.finishedAt, seconds: true)): through \(run.latestPeriod ?? "-"), "
                            + "\(run.rowsScanned) lines, \(run.findingsTotal) findings (\(run.findingsNew) new), \(seconds) s"
                    }
                lines.append("\nlast loads:")
                lines += try await BatchStore(logger: logger).recent(limit: 5, on: connection)
                    .map { batch in
                        "  batch \(batch.id) \(batch.fileName): \(batch.status.rawValue), \(batch.rowsLoaded) rows, "
                            + "\(batch.rowsRejected) rejected, \(Self.utc(batch.startedAt, seconds: true))"
                    }
                lines.append("\nalerts:")
                let alerts = try await AlertOutbox(logger: logger).countsByState(on: connection)
                lines +=
                    alerts.isEmpty
                    ? ["  none"]
                    : alerts.map { entry in
                        "  \(entry.state.rawValue): \(entry.count)"
                            + (entry.state == .delivered ? "" : " (oldest \(Self.utc(entry.oldest, seconds: false)))")
                    }
                lines.append("\npartitions of finance_expense:")
                let partitions = PartitionManager(
                    indexBuildMemoryMiB: configuration.ingest.indexBuildMemoryMiB,
                    logger: logger
                )
                lines += try await partitions.sizes(on: connection)
                    .map { partition in
                        "  \(partition.name): ~\(partition.estimatedRows.magnitude.grouped) rows, \(partition.size)"
                    }
                let inbox = Inbox(
                    inbox: configuration.ingest.inboxDirectory,
                    archive: configuration.ingest.archiveDirectory,
                    failed: configuration.ingest.failedDirectory
                )
                let waiting =
                    (try? inbox.pendingFiles().count).map { "\($0) file\($0 == 1 ? "" : "s") waiting" }
                    ?? "not readable"
                lines.append("\ninbox \(inbox.inbox): \(waiting)")
                print(lines.joined(separator: "\n"))
            }
        }
    }

    /// `2024-05-01 02:00:07Z` (or without seconds), in UTC.
    static func utc(_ date: Date, seconds: Bool) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm"
        return formatter.string(from: date) + "Z"
    }
}
