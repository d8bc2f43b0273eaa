import FinrcaTestSupport
import Detector
import Foundation
import Ingestor
import PostgresNIO
import SampleData
import Shared
import Testing

@Suite("A killed load leaves nothing behind; the rerun stores exactly the file's rows", .needsDatabase)
struct CrashRecoveryTests {
    /// The `finrca` executable built next to the tests (`swift build` before `swift test`), or `FINRCA_BIN`.
    static func finrcaExecutable() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["FINRCA_BIN"], ".build/debug/finrca", ".build/release/finrca"].compactMap { $0 }
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TestSetupError("the finrca executable was not found (run `swift build` first or set FINRCA_BIN)")
        }
        return path
    }

    /// `executable arguments…` started against `database`, its output discarded.
    static func launch(_ executable: String, _ arguments: [String], database: DatabaseConfiguration) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["FINRCA_DATABASE_URL"] = database.description
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `executable arguments…` while a second session holds `table` in EXCLUSIVE mode (reads go on, writes
    /// wait), waits until the child's session waits for that lock in a statement containing `statement`, kills the child with SIGKILL,
    /// releases the lock and waits until the child's session has ended (its transaction rolled back). The kill
    /// lands inside the child's transaction however late this task is scheduled.
    static func killWhileBlocked(
        _ arguments: [String],
        executable: String,
        database: DatabaseConfiguration,
        observer connection: PostgresConnection,
        table: String,
        statement: String
    ) async throws {
        try await Database.withConnection(database, logger: TestDatabase.logger) { holder in
            try await holder.query("BEGIN", logger: TestDatabase.logger)
            try await holder.query(
                "LOCK TABLE \"\(unescaped: table)\" IN EXCLUSIVE MODE",
                logger: TestDatabase.logger
            )
            let process = try launch(executable, arguments, database: database)
            var waiting = false
            for _ in 0..<6_000 where !waiting && process.isRunning {
                try await Task.sleep(for: .milliseconds(20))
                let sessions = try await connection.query(
                    """
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock' AND position(\(statement) in query) > 0
                    """,
                    logger: TestDatabase.logger
                )
                waiting = try await sessions.collect().first?.decode(Int64.self) ?? 0 > 0
            }
            #expect(waiting, "the child never waited at \(statement)")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)
            try await holder.query("ROLLBACK", logger: TestDatabase.logger)
        }
        // The child's session ends once it gets the lock and finds its client gone.
        for _ in 0..<500 {
            let others = try await connection.value(
                "SELECT count(*)::text FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if others == "0" { return }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test("SIGKILL of `finrca ingest` inside its load transaction (every row copied, nothing committed), then a rerun")
    func killMidLoadThenRerun() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("big.csv")
        let labels = try SampleGenerator(configuration: .init(rows: 300_000, seed: 11))
            .write(csvPath: path, labelsPath: nil)
        // One short row at the end: rejected, so the load writes `ingest_rejects` after its COPY, inside its
        // transaction (the gate below).
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("short,row\n".utf8))
        try handle.close()
        let executable = try Self.finrcaExecutable()
        try await TestDatabase.withFreshDatabase { database, connection in
            // The child copies every row into its open transaction, then waits to store its rejected row.
            try await Self.killWhileBlocked(
                ["ingest", path],
                executable: executable,
                database: database,
                observer: connection,
                table: "ingest_rejects",
                statement: "INSERT INTO ingest_rejects"
            )
            #expect(try await connection.value("SELECT count(*)::text FROM finance_expense") == "0")
            #expect(try await connection.value("SELECT status FROM ingest_batches") == "loading")

            let loader = BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
            let report = try await loader.load(.init(path: path, profile: .financeExpense), on: connection)
            #expect(report.status == .loaded && report.rowsRejected == 1)
            #expect(try await connection.value("SELECT count(*)::text FROM finance_expense") == "300000")
            #expect(try await connection.value("SELECT count(*)::text FROM ingest_rejects") == "1")
            #expect(
                try await connection.value("SELECT count(DISTINCT source_line)::text FROM finance_expense") == "300000"
            )
            let totals = try await connection.rows(
                "SELECT general_ledger_fiscal_year::text, sum(amount)::text FROM finance_expense GROUP BY 1 ORDER BY 1"
            )
            #expect(
                totals.map { [$0[0]!, $0[1]!] }
                    == labels.totalsByFiscalYear.keys.sorted().map { [$0, labels.totalsByFiscalYear[$0]!.description] }
            )
            let statuses = try await connection.rows("SELECT status FROM ingest_batches ORDER BY id")
                .compactMap { $0[0] }
            #expect(statuses == ["aborted", "loaded"])
        }
    }
}

@Suite("A killed detector run leaves the previous run's results exactly as they were")
struct DetectorCrashTests {
    @Test("SIGKILL of `finrca detect` mid-run")
    func killDetectMidRun() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("gl.csv")
        _ = try SampleGenerator(configuration: .init(rows: 100_000, seed: 5)).write(csvPath: path, labelsPath: nil)
        let executable = try CrashRecoveryTests.finrcaExecutable()
        try await TestDatabase.withFreshDatabase { database, connection in
            _ = try await BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
                .load(.init(path: path, profile: .financeExpense), on: connection)
            let first = try await DetectorRunner(configuration: DetectorConfiguration(), logger: TestDatabase.logger)
                .run(on: connection)
            func snapshot() async throws -> [[String?]] {
                try await connection.rows(
                    """
                    SELECT (SELECT max(id)::text FROM detector_runs),
                           (SELECT md5(string_agg(name || document::text, '' ORDER BY name)) FROM dashboard_documents WHERE run_id = \(first.runID)),
                           (SELECT md5(string_agg(fingerprint || last_run_id || times_seen, '' ORDER BY fingerprint)) FROM findings)
                    """
                )
            }
            let before = try await snapshot()

            // The child reads the ledger, analyses it and then waits inside its write transaction.
            try await CrashRecoveryTests.killWhileBlocked(
                ["detect"],
                executable: executable,
                database: database,
                observer: connection,
                table: "findings",
                statement: "findings"
            )
            #expect(try await snapshot() == before)
            #expect(try await connection.value("SELECT count(*)::text FROM detector_runs") == "1")
        }
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
