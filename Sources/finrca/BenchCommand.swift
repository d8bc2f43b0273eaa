import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import SampleData
import Shared

/// `finrca bench`: measured claims, against a reference in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks that print figures against a reference measured in the same run.",
        subcommands: [IngestBench.self])
}

/// `finrca bench ingest`: finrca's COPY ingest against `psql \copy` of the same file.
struct IngestBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest N generated rows; compare rows/s with psql \\copy of the same file; print peak RSS.",
        discussion: """
            For each --rows value: generate the file (seed 42), load it with `psql \\copy … CSV HEADER` into a plain \
            table of the same 31 columns (no indexes, no partitions), then with `finrca ingest` into the \
            partitioned finance_expense of a fresh database (partitions created, indexed and totals verified in \
            the same transaction), then `finrca ingest` of a second file with the same fiscal years into the now \
            existing, indexed partitions. Each run is a child process; its peak RSS comes from wait4.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, parsing: .upToNextOption, help: "Row counts to run (default: 1000000).")
    var rows: [Int] = [1_000_000]

    @Option(name: .long, help: "Folder for generated files (kept between runs; git-ignored .bench by default).")
    var workdir: String = ".bench"

    @Option(name: .long, help: "psql executable.")
    var psql: String = "psql"

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let logger = bootstrapLogging(configuration.log)
        try FileManager.default.createDirectory(atPath: workdir, withIntermediateDirectories: true)
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var benchDatabase = configuration.database
        benchDatabase.database = configuration.database.database + "_bench"

        print("finrca ingest benchmark — database \(benchDatabase), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        for count in rows {
            let file = "\(workdir)/gl-\(count).csv"
            let second = "\(workdir)/gl-\(count)-b.csv"
            try ensureGenerated(file, rows: count, seed: 42)
            try ensureGenerated(second, rows: count, seed: 43)
            try await withExitCodes {
                try await recreate(benchDatabase, admin: configuration.database, logger: logger)
            }
            let url = benchDatabase.urlWithoutPassword
            var environment = ProcessInfo.processInfo.environment
            environment["FINRCA_DATABASE_URL"] = url
            if let password = benchDatabase.password { environment["PGPASSWORD"] = password }

            let reference = try ChildProcess.run(
                [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", Self.plainTableSQL,
                 "-c", "\\copy bench_plain FROM '\(file)' WITH (FORMAT csv, HEADER true)"],
                environment: environment)
            guard reference.status == 0 else { throw ValidationError("psql failed with status \(reference.status)") }
            let fresh = try ChildProcess.run(
                [executable, "ingest", "--json", file], environment: environment)
            guard fresh.status == 0 else { throw ValidationError("finrca ingest failed (status \(fresh.status)): \(fresh.output)") }
            let append = try ChildProcess.run(
                [executable, "ingest", "--json", second], environment: environment)
            guard append.status == 0 else { throw ValidationError("finrca ingest failed (status \(append.status)): \(append.output)") }

            let referenceRate = Double(count) / reference.seconds
            let freshRate = Double(count) / fresh.seconds
            let appendRate = Double(count) / append.seconds
            print("")
            print("rows: \(IngestSummary.grouped(count))  file: \(file) (\(String(format: "%.1f", Double(try fileSize(file)) / 1_000_000)) MB)")
            print(String(format: "  psql \\copy (plain table)           %8.2f s  %@ rows/s  peak RSS %5.1f MB",
                         reference.seconds, IngestSummary.grouped(Int(referenceRate)), Double(reference.peakRSSBytes) / 1_048_576))
            print(String(format: "  finrca ingest (new partitions)     %8.2f s  %@ rows/s  peak RSS %5.1f MB  ratio %.2f×",
                         fresh.seconds, IngestSummary.grouped(Int(freshRate)), Double(fresh.peakRSSBytes) / 1_048_576, freshRate / referenceRate))
            print(String(format: "  finrca ingest (indexed partitions) %8.2f s  %@ rows/s  peak RSS %5.1f MB  ratio %.2f×",
                         append.seconds, IngestSummary.grouped(Int(appendRate)), Double(append.peakRSSBytes) / 1_048_576, appendRate / referenceRate))
        }
    }

    static let plainTableSQL = """
        DROP TABLE IF EXISTS bench_plain;
        CREATE TABLE bench_plain (
            posting_period smallint, ledger text, company_code text, company_code_currency_key text,
            company_code_currency_value numeric(15,2), debit_credit_ind text, account_type text, region text,
            profit_center_id text, profit_center_name text, cost_center_id text, cost_center_name text,
            directorate text, entity text, remapping_directorate text, functional_area text,
            functional_area_name text, general_ledger_account text, general_ledger_account_name text,
            general_ledger_fiscal_year smallint, fund text, supplier text, reference text,
            document_header_text text, po_description text, transaction text, level_1 text, level_7 text,
            status text, funds_center text, posting_date date);
        """

    private func ensureGenerated(_ path: String, rows: Int, seed: UInt64) throws {
        if FileManager.default.fileExists(atPath: path) { return }
        print("generating \(path) …")
        _ = try SampleGenerator(configuration: .init(rows: rows, seed: seed)).write(csvPath: path, labelsPath: nil)
    }

    private func fileSize(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Drops and creates the benchmark database, then migrates it.
    private func recreate(_ database: DatabaseConfiguration, admin: DatabaseConfiguration, logger: Logger) async throws {
        try await Database.withConnection(admin, logger: logger) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(database.database) WITH (FORCE)"), logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(database.database)"), logger: logger)
        }
        try await Database.withConnection(database, logger: logger) { connection in
            _ = try await Migrator().migrate(on: connection, logger: logger)
        }
    }
}

extension DatabaseConfiguration {
    /// `postgres://user@host:port/database` (the password travels separately, in PGPASSWORD).
    var urlWithoutPassword: String { description }
}
