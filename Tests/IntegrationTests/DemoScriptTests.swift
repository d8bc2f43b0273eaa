import FinrcaTestSupport
import Foundation
import PostgresNIO
import Shared
import Testing

/// The README's first command, run twice: both runs succeed, and the second loads nothing and sends nothing.
@Suite("scripts/demo.sh, twice", .needsDatabase, .needsSMTPServer)
struct DemoScriptTests {
    /// Runs the demo with the built binary on 20,000 rows in `folder`, against `database`, without serving.
    static func demo(_ run: Int, folder: TemporaryFolder, database: DatabaseConfiguration) async throws -> (
        Int32, String
    ) {
        let log = folder.file("demo-\(run).log")
        FileManager.default.createFile(atPath: log, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [EmailTestSink.repositoryRoot.path + "/scripts/demo.sh"]
        var environment = ProcessInfo.processInfo.environment
        environment["FINRCA_BIN"] = try CrashRecoveryTests.finrcaExecutable()
        environment["FINRCA_DATABASE_URL"] = database.description
        environment["DEMO_DIR"] = folder.file("demo")
        environment["DEMO_ROWS"] = "20000"
        environment["DEMO_SERVE"] = "no"
        environment["FINRCA_LOG_LEVEL"] = "error"
        process.environment = environment
        process.standardOutput = output
        process.standardError = output
        try process.run()
        try await process.waitForExit()
        return (process.terminationStatus, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    @Test("run twice with DEMO_SERVE=no: both exit 0; the second says already loaded and sends no alert")
    func twice() async throws {
        let folder = try TemporaryFolder()
        try await TestDatabase.withFreshDatabase { database, connection in
            let (firstStatus, first) = try await Self.demo(1, folder: folder, database: database)
            #expect(firstStatus == 0, "\(first)")
            #expect(first.contains("emails in") && first.contains("Sign in as: demo /"), "\(first)")
            let delivered = try await connection.value("SELECT count(*)::text FROM alerts WHERE state = 'delivered'")
            #expect((Int(delivered ?? "") ?? 0) > 0, "the first run delivers alerts")

            let (secondStatus, second) = try await Self.demo(2, folder: folder, database: database)
            #expect(secondStatus == 0, "\(second)")
            #expect(second.contains("already loaded"), "\(second)")
            #expect(second.contains("notify: 0 delivered"), "\(second)")
            #expect(second.contains("Alerts: none sent now"), "\(second)")
            #expect(
                try await connection.value("SELECT count(*)::text FROM alerts WHERE state = 'delivered'") == delivered
            )
            #expect(
                try await connection.value("SELECT count(*)::text FROM ingest_batches WHERE status = 'loaded'") == "1"
            )
        }
    }
}
