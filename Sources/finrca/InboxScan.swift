import Detector
import Foundation
import Ingestor
import Logging
import Notifier
import PostgresNIO
import Shared

/// One nightly scan: every new file in the inbox is loaded (and moved to the archive, or to the failed folder
/// with its reason), then the detector runs, then the due alerts are delivered. The caller holds
/// ``JobLock/scan``.
struct InboxScan {
    /// What happened to one inbox file.
    struct FileOutcome: Codable {
        /// The file's name.
        var file: String
        /// Loaded, a duplicate of an earlier load, or failed.
        var outcome: InboxFileOutcome
        /// The batch, when one was recorded.
        var batchID: Int64?
        /// Rows stored.
        var rowsLoaded: Int
        /// Rows rejected (kept in `ingest_rejects`).
        var rowsRejected: Int
        /// Where the file is now.
        var movedTo: String
        /// Why it failed.
        var reason: String?

        enum CodingKeys: String, CodingKey {
            case file, outcome, reason
            case batchID = "batch_id"
            case rowsLoaded = "rows_loaded"
            case rowsRejected = "rows_rejected"
            case movedTo = "moved_to"
        }
    }

    /// The scan's summary (printed, and `--json`).
    struct Summary: Codable {
        var scanID: String
        var files: [FileOutcome] = []
        var detectorRun: Int64?
        var findingsTotal = 0
        var findingsNew = 0
        var alertsQueued = 0
        var notify = NotificationRunner.Summary()
        var seconds = 0.0
        var timings: [String: Double] = [:]
        var exitCode: Int32 = 0

        enum CodingKeys: String, CodingKey {
            case files, notify, seconds, timings
            case scanID = "scan_id"
            case detectorRun = "detector_run"
            case findingsTotal = "findings_total"
            case findingsNew = "findings_new"
            case alertsQueued = "alerts_queued"
            case exitCode = "exit_code"
        }
    }

    let configuration: FinrcaConfiguration
    let logger: Logger

    /// Loads the inbox's files, runs the detector and delivers the due alerts, all on `connection`; the detector
    /// also reads on a second session opened for it (``DetectorRunner/run(on:second:period:now:incremental:)``).
    func run(on connection: PostgresConnection, scanID: String) async throws -> Summary {
        let clock = ContinuousClock()
        let started = clock.now
        var summary = Summary(scanID: scanID)
        var worst = ExitStatus.ok

        let ingestStarted = clock.now
        let inbox = Inbox(
            inbox: configuration.ingest.inboxDirectory,
            archive: configuration.ingest.archiveDirectory,
            failed: configuration.ingest.failedDirectory
        )
        let files = try inbox.pendingFiles()
        logger.info("scan started", metadata: ["scan.inbox": .string(inbox.inbox), "scan.files": "\(files.count)"])
        if !files.isEmpty {
            let profile = try MappingProfile.load(
                nameOrPath: configuration.ingest.defaultProfile,
                directory: configuration.ingest.mappingsDirectory
            )
            let loader = BatchLoader(configuration: configuration.ingest, logger: logger)
            for file in files {
                let outcome = try await load(
                    file,
                    scanID: scanID,
                    profile: profile,
                    loader: loader,
                    inbox: inbox,
                    on: connection
                )
                summary.files.append(outcome)
                if outcome.outcome == .failed {
                    worst = .dataRejected
                } else if outcome.rowsRejected > 0, worst == .ok {
                    worst = .partiallyRejected
                }
            }
        }
        summary.timings["ingest"] = (clock.now - ingestStarted).inSeconds

        let detectStarted = clock.now
        let report = try await Database.withConnection(configuration.database, logger: logger) { second in
            try await DetectorRunner(
                configuration: configuration.detector,
                routes: configuration.routes.routes,
                logger: logger
            )
            .run(on: connection, second: second)
        }
        summary.detectorRun = report.runID
        summary.findingsTotal = report.findingsByKind.values.reduce(0, +)
        summary.findingsNew = report.newFindings
        summary.alertsQueued = report.alertsQueued
        summary.timings["detect"] = (clock.now - detectStarted).inSeconds

        let notifyStarted = clock.now
        summary.notify = try await NotificationRunner(
            routes: configuration.routes,
            configuration: configuration.notify,
            logger: logger
        )
        .run(on: connection)
        for problem in summary.notify.problems {
            logger.warning("alerts held", metadata: ["problem": .string(problem)])
        }
        summary.timings["notify"] = (clock.now - notifyStarted).inSeconds

        summary.seconds = (clock.now - started).inSeconds
        summary.exitCode = worst.rawValue
        logger.notice(
            "scan finished",
            metadata: [
                "scan.files": "\(files.count)", "detector.run": "\(report.runID)",
                "scan.seconds": "\(String(format: "%.2f", summary.seconds))",
            ]
        )
        return summary
    }

    /// Loads one file and moves it where it belongs. A file whose earlier loads never finished
    /// (``Inbox/maximumUnfinishedLoads``) goes to the failed folder unread; an error that stops the scan is noted
    /// on the file's attempt record, unless the database connection is gone (not the file's doing).
    private func load(
        _ file: String,
        scanID: String,
        profile: MappingProfile,
        loader: BatchLoader,
        inbox: Inbox,
        on connection: PostgresConnection
    ) async throws -> FileOutcome {
        let name = (file as NSString).lastPathComponent
        var fileLogger = logger
        fileLogger[metadataKey: "etl.file"] = .string(name)
        if let setAside = try inbox.beginLoad(file, scan: scanID) {
            fileLogger.error(
                "file set aside: its earlier loads never finished",
                metadata: ["reason": .string(setAside.reason)]
            )
            return FileOutcome(
                file: name,
                outcome: .failed,
                rowsLoaded: 0,
                rowsRejected: 0,
                movedTo: setAside.movedTo,
                reason: setAside.reason
            )
        }
        do {
            let report = try await loader.load(.init(path: file, profile: profile), on: connection)
            switch report.status {
            case .loaded, .duplicate:
                let moved = try inbox.archive(file)
                return FileOutcome(
                    file: name,
                    outcome: InboxFileOutcome(report.status),
                    batchID: report.batchID,
                    rowsLoaded: report.rowsLoaded,
                    rowsRejected: report.rowsRejected,
                    movedTo: moved
                )
            case .rejected:
                var reason = report.message ?? "the file was refused"
                for row in report.rejectsSample.prefix(20) {
                    reason += "\nline \(row.line)\(row.column.map { ", \($0)" } ?? ""): \(row.reason)"
                }
                let moved = try inbox.fail(file, reason: reason)
                fileLogger.error(
                    "file refused",
                    metadata: ["etl.batch": "\(report.batchID)", "reason": .string(report.message ?? "")]
                )
                return FileOutcome(
                    file: name,
                    outcome: .failed,
                    batchID: report.batchID,
                    rowsLoaded: 0,
                    rowsRejected: report.rowsRejected,
                    movedTo: moved,
                    reason: reason
                )
            }
        } catch let error as IngestFileError {
            return try refuse(file, name: name, reason: error.description, inbox: inbox, logger: fileLogger)
        } catch let error as MappingError {
            return try refuse(file, name: name, reason: error.description, inbox: inbox, logger: fileLogger)
        } catch {
            if connection.isClosed {
                inbox.withdrawLoad(file)
            } else {
                inbox.loadStopped(file, error: String(reflecting: error))
            }
            throw error
        }
    }

    /// Moves a file that could not be read or mapped to the failed folder.
    private func refuse(_ file: String, name: String, reason: String, inbox: Inbox, logger: Logger) throws
        -> FileOutcome
    {
        let moved = try inbox.fail(file, reason: reason)
        logger.error("file refused", metadata: ["reason": .string(reason)])
        return FileOutcome(
            file: name,
            outcome: .failed,
            rowsLoaded: 0,
            rowsRejected: 0,
            movedTo: moved,
            reason: reason
        )
    }

    /// The summary for people.
    static func render(_ summary: Summary) -> String {
        var lines = [
            "scan \(summary.scanID): \(summary.files.count) file\(summary.files.count == 1 ? "" : "s") in the inbox"
        ]
        for file in summary.files {
            var line = "  \(file.outcome.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(file.file)"
            if let batch = file.batchID { line += " (batch \(batch))" }
            if file.outcome != .failed {
                line +=
                    ": \(IngestSummary.grouped(file.rowsLoaded)) rows"
                    + (file.rowsRejected > 0 ? ", \(file.rowsRejected) rejected" : "")
            } else {
                line += ": \(file.reason?.split(separator: "\n").first ?? "")"
            }
            lines.append(line + " → \(file.movedTo)")
        }
        lines.append(
            "  detector run \(summary.detectorRun.map(String.init) ?? "-"): \(summary.findingsTotal) findings (\(summary.findingsNew) new), "
                + "\(summary.alertsQueued) alerts queued"
        )
        lines.append(
            "  notify: \(summary.notify.delivered) delivered, \(summary.notify.retrying) to retry, \(summary.notify.dead) dead, "
                + "\(summary.notify.cancelled) cancelled, \(summary.notify.held) held"
        )
        for problem in summary.notify.problems { lines.append("  ! \(problem)") }
        lines.append(
            String(
                format: "  %.2f s (ingest %.2f s, detect %.2f s, notify %.2f s); exit code %d",
                summary.seconds,
                summary.timings["ingest"] ?? 0,
                summary.timings["detect"] ?? 0,
                summary.timings["notify"] ?? 0,
                summary.exitCode
            )
        )
        return lines.joined(separator: "\n")
    }
}
