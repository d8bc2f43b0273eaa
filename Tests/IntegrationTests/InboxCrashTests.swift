import FinrcaTestSupport
import Foundation
import PostgresNIO
import SampleData
import Shared
import Testing

/// Issue 13: a file that crashed the scan must not stop every later scan. A scan over an inbox holding such a
/// file first, then two good files: the good files are loaded, detected and alerted, the bad one ends in failed/
/// with its reason.
@Suite("finrca run: a file that crashes or stops the scan does not hold up the files after it", .needsDatabase)
struct InboxCrashTests {
    /// The inbox's folders and a `finrca run` started on them.
    struct Scan {
        let executable: String
        let folder: TemporaryFolder
        let database: String
        let routes: String

        var inbox: String { folder.file("inbox") }
        var archive: String { folder.file("archive") }
        var failed: String { folder.file("failed") }

        func start() throws -> (Process, Pipe) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["run", "--json"]
            var environment = ProcessInfo.processInfo.environment
            environment["FINRCA_DATABASE_URL"] = database
            environment["FINRCA_INGEST_INBOX_DIR"] = inbox
            environment["FINRCA_INGEST_ARCHIVE_DIR"] = archive
            environment["FINRCA_INGEST_FAILED_DIR"] = failed
            environment["FINRCA_NOTIFY_ROUTES_FILE"] = routes
            environment["FINRCA_NOTIFY_WEBHOOK_SECRET"] = NotifierTests.secret
            environment["FINRCA_LOG_LEVEL"] = "error"
            environment["SWIFT_BACKTRACE"] = "enable=no"
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            return (process, output)
        }

        /// Runs a scan to its end: exit status and the JSON summary (its last line).
        func run() async throws -> (Int32, JSONValue, String) {
            let (process, output) = try start()
            try await process.waitForExit()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let summary = try JSONValue(parsing: try #require(text.split(separator: "\n").last.map(String.init)))
            return (process.terminationStatus, summary, text)
        }
    }

    static func withScan(_ body: (Scan, PostgresConnection, String) async throws -> Void) async throws {
        let executable = try CrashRecoveryTests.finrcaExecutable()
        try await NotifierTests.withReceiver(failFirst: 0) { port, out in
            let folder = try TemporaryFolder()
            try FileManager.default.createDirectory(atPath: folder.file("inbox"), withIntermediateDirectories: true)
            let routes = try folder.write(
                "routes.yaml",
                """
                routes:
                  - name: ops
                    match: { min_severity: high }
                    channel: webhook
                    url: "http://127.0.0.1:\(port)/hook"

                """
            )
            try await TestDatabase.withFreshDatabase { database, connection in
                let scan = Scan(executable: executable, folder: folder, database: database.description, routes: routes)
                try await body(scan, connection, out)
            }
        }
    }

    /// Two good extracts of 20,000 generated lines each (different seeds), named to sort after the bad file.
    static func writeGoodFiles(_ scan: Scan) throws {
        _ = try SampleGenerator(configuration: .init(rows: 20_000, seed: 7))
            .write(csvPath: scan.inbox + "/b-good.csv", labelsPath: nil)
        _ = try SampleGenerator(configuration: .init(rows: 20_000, seed: 8))
            .write(csvPath: scan.inbox + "/c-good.csv", labelsPath: nil)
    }

    /// What every scan that got past the bad file must show: both good files loaded and archived, one detector
    /// run with findings, every queued alert delivered.
    static func expectGoodFilesLoadedDetectedAlerted(
        _ scan: Scan,
        summary: JSONValue,
        connection: PostgresConnection,
        receiver: String
    ) async throws {
        let files = summary["files"]?.arrayValue ?? []
        #expect(files.dropFirst().compactMap { $0["file"]?.stringValue } == ["b-good.csv", "c-good.csv"])
        #expect(files.dropFirst().compactMap { $0["outcome"]?.stringValue } == ["loaded", "loaded"])
        #expect(files.dropFirst().compactMap { $0["rows_loaded"]?.intValue } == [20_000, 20_000])
        #expect(FileManager.default.fileExists(atPath: scan.archive + "/b-good.csv"))
        #expect(FileManager.default.fileExists(atPath: scan.archive + "/c-good.csv"))
        #expect(try await connection.value("SELECT count(*)::text FROM finance_expense") == "40000")
        #expect(try await connection.value("SELECT count(*)::text FROM detector_runs") == "1")
        let findings = Int(try await connection.value("SELECT count(*)::text FROM findings") ?? "0") ?? 0
        #expect(findings > 0 && summary["findings_total"]?.intValue == Int64(findings))
        let queued = Int(try await connection.value("SELECT count(*)::text FROM alerts") ?? "0") ?? 0
        #expect(queued > 0)
        #expect(
            try await connection.value("SELECT count(*)::text FROM alerts WHERE state = 'delivered'") == String(queued)
        )
        #expect(try NotifierTests.requests(receiver).count == queued)
    }

    @Test("the issue's overflowing file (12,000 rows of 9,999,999,999,999.99) is refused with line and column")
    func overflowingFileRefused() async throws {
        try await Self.withScan { scan, connection, receiver in
            let rows = String(repeating: "7,2024,9999999999999.99,S\n", count: 12_000)
            _ = try scan.folder.write(
                "inbox/a-overflow.csv",
                "posting_period,general_ledger_fiscal_year,company_code_currency_value,debit_credit_ind\n" + rows
            )
            try Self.writeGoodFiles(scan)
            let (status, summary, text) = try await scan.run()
            #expect(status == 2, "a refused file makes the scan exit 2: \(text)")
            let first = summary["files"]?.arrayValue?.first
            #expect(first?["file"]?.stringValue == "a-overflow.csv")
            #expect(first?["outcome"]?.stringValue == "failed")
            let reason = try String(contentsOfFile: scan.failed + "/a-overflow.csv.reason", encoding: .utf8)
            #expect(
                reason.contains("a-overflow.csv:9225: column company_code_currency_value: the file's amounts add up"),
                "\(reason)"
            )
            #expect(try await connection.value("SELECT status FROM ingest_batches ORDER BY id LIMIT 1") == "rejected")
            try await Self.expectGoodFilesLoadedDetectedAlerted(
                scan,
                summary: summary,
                connection: connection,
                receiver: receiver
            )
        }
    }

    @Test("a file that crashed two scans (SIGILL, as a Swift runtime trap) is set aside by the third")
    func crashingFileSetAside() async throws {
        try await Self.withScan { scan, connection, receiver in
            _ = try SampleGenerator(configuration: .init(rows: 200_000, seed: 3))
                .write(csvPath: scan.inbox + "/a-crash.csv", labelsPath: nil)
            try Self.writeGoodFiles(scan)
            let record = scan.inbox + "/.a-crash.csv.attempts"
            for attempt in 1...2 {
                let (process, _) = try scan.start()
                // Crash the scan while its COPY of a-crash.csv is under way: the attempt record is written first.
                var copying = false
                for _ in 0..<1_500 where !copying {
                    try await Task.sleep(for: .milliseconds(10))
                    let copied = try await connection.value(
                        "SELECT coalesce(max(tuples_processed), 0)::text FROM pg_stat_progress_copy WHERE datname = current_database()"
                    )
                    copying = FileManager.default.fileExists(atPath: record) && (Int(copied ?? "0") ?? 0) > 0
                }
                #expect(copying, "scan \(attempt) never began copying a-crash.csv")
                kill(process.processIdentifier, SIGILL)
                try await process.waitForExit()
                #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGILL)
                #expect(FileManager.default.fileExists(atPath: scan.inbox + "/a-crash.csv"))
            }
            #expect(try await connection.value("SELECT count(*)::text FROM finance_expense") == "0")

            let (status, summary, text) = try await scan.run()
            #expect(status == 2, "a file set aside makes the scan exit 2: \(text)")
            let first = summary["files"]?.arrayValue?.first
            #expect(first?["file"]?.stringValue == "a-crash.csv")
            #expect(first?["outcome"]?.stringValue == "failed")
            #expect(FileManager.default.fileExists(atPath: scan.failed + "/a-crash.csv"))
            #expect(!FileManager.default.fileExists(atPath: record))
            let reason = try String(contentsOfFile: scan.failed + "/a-crash.csv.reason", encoding: .utf8)
            #expect(reason.hasPrefix("2 loads of this file began and never finished"), "\(reason)")
            #expect(reason.components(separatedBy: "the process ended without a result").count == 3, "\(reason)")
            try await Self.expectGoodFilesLoadedDetectedAlerted(
                scan,
                summary: summary,
                connection: connection,
                receiver: receiver
            )
            // The two killed loads were marked aborted by the next load; nothing of them is stored.
            #expect(
                try await connection.value("SELECT count(*)::text FROM ingest_batches WHERE status = 'aborted'") == "2"
            )
        }
    }
}
