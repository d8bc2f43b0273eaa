import FinrcaTestSupport
import Foundation
import Testing

/// `Benchmarks/load/faults.sh` with the built binary: PostgreSQL stopped and started again under a running
/// `finrca serve` (503 while down, 200 after, the same process), and `serve` started before PostgreSQL (it waits,
/// then answers). The script runs its own throwaway cluster, so it stops nothing the other tests use.
@Suite("finrca serve through database faults (Benchmarks/load/faults.sh)", .needsDatabase)
struct ServeFaultTests {
    @Test("database stopped and restarted under serve; serve started before the database")
    func faults() async throws {
        let folder = try TemporaryFolder()
        let log = folder.file("faults.log")
        FileManager.default.createFile(atPath: log, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [EmailTestSink.repositoryRoot.path + "/Benchmarks/load/faults.sh"]
        var environment = ProcessInfo.processInfo.environment
        environment["FINRCA_BIN"] = URL(fileURLWithPath: try CrashRecoveryTests.finrcaExecutable()).path
        process.environment = environment
        process.standardOutput = output
        process.standardError = output
        try process.run()
        try await process.waitForExit()
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("PostgreSQL stopped: /health-check 503"), "\(text)")
        #expect(text.contains("PostgreSQL stopped: GET /findings 503"), "\(text)")
        #expect(text.contains("no restart"), "\(text)")
        #expect(text.contains("the early serve answers /health-check 200"), "\(text)")
        #expect(text.contains("faults: all passed"), "\(text)")
    }
}
