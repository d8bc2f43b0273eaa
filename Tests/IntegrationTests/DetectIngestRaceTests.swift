import Detector
import FinrcaTestSupport
import Foundation
import Ingestor
import PostgresNIO
import SampleData
import Shared
import Testing

/// A detector run started while a load is in progress waits for it, and reads one consistent snapshot.
@Suite("Detect racing a manual ingest", .needsDatabase)
struct DetectIngestRaceTests {
    @Test("detect started mid-load waits for the load and finds exactly what a run after the load finds")
    func raceWithIngest() async throws {
        let executable = try CrashRecoveryTests.finrcaExecutable()
        let folder = try TemporaryFolder()
        let first = folder.file("first.csv")
        let second = folder.file("second.csv")
        _ = try SampleGenerator(configuration: .init(rows: 20_000, seed: 5)).write(csvPath: first, labelsPath: nil)
        _ = try SampleGenerator(configuration: .init(rows: 80_000, seed: 6)).write(csvPath: second, labelsPath: nil)
        try await TestDatabase.withFreshDatabase { database, connection in
            _ = try await BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
                .load(.init(path: first, profile: .financeExpense), on: connection)
            let ingest = Process()
            ingest.executableURL = URL(fileURLWithPath: executable)
            ingest.arguments = ["ingest", second]
            var environment = ProcessInfo.processInfo.environment
            environment["FINRCA_DATABASE_URL"] = database.description
            environment["FINRCA_LOG_LEVEL"] = "error"
            ingest.environment = environment
            ingest.standardOutput = FileHandle.nullDevice
            try ingest.run()
            // The load holds the ingest lock (advisory key 0x6669_6E72_6361_0002) while it copies; pg_locks lists
            // every database's locks, and a load of another test's database holds the same key there.
            var loading = false
            for _ in 0..<2_000 where !loading {
                loading =
                    try await connection.value(
                        """
                        SELECT count(*)::text FROM pg_locks
                        WHERE locktype = 'advisory' AND classid = 1718185586 AND objid = 1667301378 AND granted
                          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                        """
                    ) == "1"
                if !loading { try await Task.sleep(for: .milliseconds(5)) }
            }
            #expect(loading, "the load was never seen holding the ingest lock")
            let runner = DetectorRunner(configuration: DetectorConfiguration(), logger: TestDatabase.logger)
            let raced = try await runner.run(on: connection)
            try await ingest.waitForExit()
            #expect(ingest.terminationStatus == 0)
            #expect(raced.rowsScanned == 100_000, "the run read the ledger after the load, not before or during it")
            #expect((raced.timings["wait_for_loads"] ?? 0) > 0)
            let after = try await runner.run(on: connection)
            #expect(after.newFindings == 0 && after.updatedFindings == raced.newFindings + raced.updatedFindings)
            let fingerprints = { (run: Int64) in
                try await connection.rows(
                    "SELECT fingerprint, severity, actual::text FROM findings WHERE last_run_id >= \(run) ORDER BY 1"
                )
            }
            #expect(try await fingerprints(raced.runID) == (try await fingerprints(after.runID)))
        }
    }

    @Test("a second detector run while one runs exits at once with the job lock held")
    func oneDetectAtATime() async throws {
        try await TestDatabase.withFreshDatabase { database, connection in
            try await JobLock.detect.withLock(on: connection, logger: TestDatabase.logger) {
                try await Database.withConnection(database, logger: TestDatabase.logger) { other in
                    await #expect(throws: JobLockHeldError.self) {
                        _ = try await DetectorRunner(
                            configuration: DetectorConfiguration(),
                            logger: TestDatabase.logger
                        )
                        .run(on: other)
                    }
                }
            }
        }
    }
}
