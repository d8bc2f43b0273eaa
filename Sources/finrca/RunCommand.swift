import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import Shared

/// `finrca run`: one nightly scan (what `finrca-scan.service` runs).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "One scan: ingest every new file in the inbox (then archive/ or failed/), detect, notify.",
        discussion: """
            Files are loaded in name order with ingest.default_profile from ingest.inbox_dir. A loaded or already \
            loaded file moves to ingest.archive_dir; a refused one to ingest.failed_dir with NAME.reason. Then the \
            detector runs (its record is a detector_runs row) and the due alerts are delivered. A PostgreSQL \
            advisory lock keeps two scans from overlapping: the second exits with code 6 and does nothing.

            Exit codes: 0 done; 2 a file was refused (see failed/); 4 loaded, but some rows were rejected; \
            3 database unavailable; 6 another scan is running; 1 configuration error.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    func run() async throws {
        let configuration = try global.loadConfiguration()
        var logger = bootstrapLogging(configuration.log)
        let scanID = Self.scanID()
        logger[metadataKey: "scan"] = .string(scanID)
        let summary = try await withExitCodes {
            try await Database.withMigratedConnection(configuration.database, logger: logger) { connection in
                try await JobLock.scan.withLock(on: connection, logger: logger) {
                    try await InboxScan(configuration: configuration, logger: logger)
                        .run(on: connection, scanID: scanID)
                }
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            print(InboxScan.render(summary))
        }
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }

    /// `YYYYMMDDTHHMMSSZ-<4 hex>`: sortable, unique enough to find one scan's log lines.
    static func scanID() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: Date()) + "-" + String(UInt16.random(in: 0...UInt16.max), radix: 16)
    }
}
