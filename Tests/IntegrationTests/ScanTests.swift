import FinrcaTestSupport
import Foundation
import PostgresNIO
import SampleData
import Shared
import Testing

/// `finrca run` end to end: files dropped in the inbox, two scans started together (one runs, one refuses),
/// findings and delivered alerts, files moved, the malformed file in failed/ with its reason.
@Suite("finrca run: the nightly scan", .needsDatabase)
struct ScanTests {
    @Test(
        "two concurrent scans: one loads, detects and notifies, the other exits 6; files archived or failed with a reason"
    )
    func concurrentScans() async throws {
        let executable = try CrashRecoveryTests.finrcaExecutable()
        // The receiver holds every webhook until released, so the first scan keeps the scan lock (it notifies
        // before it ends) until the second one has been refused, however late this task is scheduled.
        let release = try TemporaryFolder()
        let releaseFile = release.file("release")
        try await NotifierTests.withReceiver(failFirst: 0, hold: (after: 0, releaseFile: releaseFile)) { port, out in
            let folder = try TemporaryFolder()
            let inbox = folder.file("inbox")
            let archive = folder.file("archive")
            let failed = folder.file("failed")
            try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
            _ = try SampleGenerator(configuration: .init(rows: 20_000, seed: 7))
                .write(csvPath: inbox + "/2024-gl.csv", labelsPath: nil)
            _ = try folder.write("inbox/bad-extract.csv", "posting_date;amount\n2024-01-01;12\n")
            _ = try folder.write("inbox/upload.csv.part", "not yet complete")
            _ = try folder.write("inbox/.hidden.csv", "ignored")
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
                func scan() throws -> (Process, Pipe) {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: executable)
                    process.arguments = ["run", "--json"]
                    var environment = ProcessInfo.processInfo.environment
                    environment["FINRCA_DATABASE_URL"] = database.description
                    environment["FINRCA_INGEST_INBOX_DIR"] = inbox
                    environment["FINRCA_INGEST_ARCHIVE_DIR"] = archive
                    environment["FINRCA_INGEST_FAILED_DIR"] = failed
                    environment["FINRCA_NOTIFY_ROUTES_FILE"] = routes
                    environment["FINRCA_NOTIFY_WEBHOOK_SECRET"] = NotifierTests.secret
                    environment["FINRCA_NOTIFY_TIMEOUT_SECONDS"] = "300"
                    environment["FINRCA_LOG_LEVEL"] = "error"
                    process.environment = environment
                    let output = Pipe()
                    process.standardOutput = output
                    process.standardError = output
                    try process.run()
                    return (process, output)
                }
                let (first, firstOutput) = try scan()
                // The second scan starts once the first holds the scan lock (PostgreSQL advisory lock 0x6669_6E72_6361_0004).
                var locked = false
                for _ in 0..<1_000 where !locked {
                    locked =
                        try await connection.value(
                            "SELECT count(*)::text FROM pg_locks WHERE locktype = 'advisory' AND classid = 1718185586 AND objid = 1667301380 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                        ) == "1"
                    if !locked { try await Task.sleep(for: .milliseconds(10)) }
                }
                #expect(locked, "the first scan never took the lock")
                let (second, secondOutput) = try scan()
                try await second.waitForExit()
                let secondText = String(
                    decoding: secondOutput.fileHandleForReading.readDataToEndOfFile(),
                    as: UTF8.self
                )
                #expect(second.terminationStatus == 6, "\(secondText)")
                #expect(secondText.contains("another finrca run is running"))
                #expect(FileManager.default.createFile(atPath: releaseFile, contents: nil))
                try await first.waitForExit()
                let firstText = String(decoding: firstOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                #expect(first.terminationStatus == 2, "a refused file makes the scan exit 2: \(firstText)")

                let summary = try JSONValue(
                    parsing: try #require(firstText.split(separator: "\n").last.map(String.init))
                )
                let files = summary["files"]?.arrayValue ?? []
                #expect(files.compactMap { $0["file"]?.stringValue } == ["2024-gl.csv", "bad-extract.csv"])
                #expect(files.compactMap { $0["outcome"]?.stringValue } == ["loaded", "failed"])
                #expect(files.first?["rows_loaded"]?.intValue == 20_000)
                #expect(FileManager.default.fileExists(atPath: archive + "/2024-gl.csv"))
                #expect(FileManager.default.fileExists(atPath: failed + "/bad-extract.csv"))
                let reason = try String(contentsOfFile: failed + "/bad-extract.csv.reason", encoding: .utf8)
                #expect(reason.contains("bad-extract.csv") && reason.lowercased().contains("column"), "\(reason)")
                #expect(
                    try FileManager.default.contentsOfDirectory(atPath: inbox).sorted() == [
                        ".hidden.csv", "upload.csv.part",
                    ]
                )

                #expect(try await connection.value("SELECT count(*)::text FROM detector_runs") == "1")
                let findings = Int(try await connection.value("SELECT count(*)::text FROM findings") ?? "0") ?? 0
                #expect(findings > 0 && summary["findings_total"]?.intValue == Int64(findings))
                let queued = Int(try await connection.value("SELECT count(*)::text FROM alerts") ?? "0") ?? 0
                #expect(queued > 0)
                #expect(
                    try await connection.value("SELECT count(*)::text FROM alerts WHERE state = 'delivered'")
                        == String(queued)
                )
                #expect(summary["notify"]?["delivered"]?.intValue == Int64(queued))
                #expect(try NotifierTests.requests(out).count == queued)

                // A later scan with nothing new: exit 0, a second detector run, nothing new to alert.
                let (again, againOutput) = try scan()
                try await again.waitForExit()
                let againText = String(decoding: againOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                #expect(again.terminationStatus == 0, "\(againText)")
                let later = try JSONValue(parsing: try #require(againText.split(separator: "\n").last.map(String.init)))
                #expect(
                    later["files"]?.arrayValue?.isEmpty == true && later["findings_new"]?.intValue == 0
                        && later["alerts_queued"]?.intValue == 0
                )
                #expect(try await connection.value("SELECT count(*)::text FROM detector_runs") == "2")
            }
        }
    }
}
