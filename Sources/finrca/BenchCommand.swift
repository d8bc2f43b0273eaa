import ArgumentParser
import Foundation
import Detector
import Ingestor
import Logging
import PostgresNIO
import SampleData
import Shared

/// `finrca bench`: measured claims, against a reference in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks that print figures against a reference measured in the same run.",
        subcommands: [IngestBench.self, DetectBench.self]
    )
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
            existing, indexed partitions. For context it also times `psql \\copy` into a table of finance_expense's \
            shape (partitioned, the same five indexes maintained row by row). Each run is a child process; its peak \
            RSS comes from wait4.
            """
    )

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
        let workspace = try BenchWorkspace(configuration: configuration, workdir: workdir)
        let (executable, benchDatabase, environment) = (workspace.executable, workspace.database, workspace.environment)

        say(
            "finrca ingest benchmark — database \(benchDatabase), \(ProcessInfo.processInfo.activeProcessorCount) cores"
        )
        for count in rows {
            let file = "\(workdir)/gl-\(count).csv"
            let second = "\(workdir)/gl-\(count)-b.csv"
            try BenchWorkspace.ensureGenerated(file, rows: count, seed: 42)
            try BenchWorkspace.ensureGenerated(second, rows: count, seed: 43)
            try await withExitCodes {
                try await Self.recreate(benchDatabase, admin: configuration.database, logger: logger)
            }
            let url = benchDatabase.description

            let reference = try ChildProcess.run(
                [
                    psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", IngestReferenceTables.plainSQL,
                    "-c", "\\copy bench_plain FROM '\(file)' WITH (FORMAT csv, HEADER true)",
                ],
                environment: environment
            )
            guard reference.status == 0 else { throw ValidationError("psql failed with status \(reference.status)") }
            let naive = try ChildProcess.run(
                [
                    psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", IngestReferenceTables.partitionedIndexedSQL,
                    "-c", "\\copy bench_indexed FROM '\(file)' WITH (FORMAT csv, HEADER true)",
                ],
                environment: environment
            )
            guard naive.status == 0 else { throw ValidationError("psql failed with status \(naive.status)") }
            let fresh = try ChildProcess.run(
                [executable, "ingest", "--json", file],
                environment: environment
            )
            guard fresh.status == 0 else {
                throw ValidationError("finrca ingest failed (status \(fresh.status)): \(fresh.output)")
            }
            let append = try ChildProcess.run(
                [executable, "ingest", "--json", second],
                environment: environment
            )
            guard append.status == 0 else {
                throw ValidationError("finrca ingest failed (status \(append.status)): \(append.output)")
            }

            let referenceRate = Double(count) / reference.seconds
            say("")
            say(
                "rows: \(IngestSummary.grouped(count))  file: \(file) (\(String(format: "%.1f", Double(try fileSize(file)) / 1_000_000)) MB)"
            )
            say(
                String(
                    format: "  psql \\copy, plain table                %7.2f s  %@ rows/s  peak RSS %5.1f MB",
                    reference.seconds,
                    IngestSummary.grouped(Int(referenceRate)),
                    Double(reference.peakRSSBytes) / 1_048_576
                )
            )
            say(
                String(
                    format:
                        "  psql \\copy, partitioned + 5 indexes     %7.2f s  %@ rows/s  peak RSS %5.1f MB  (%.2f× the plain copy)",
                    naive.seconds,
                    IngestSummary.grouped(Int(Double(count) / naive.seconds)),
                    Double(naive.peakRSSBytes) / 1_048_576,
                    reference.seconds / naive.seconds
                )
            )
            for (label, run) in [("into new partitions", fresh), ("into indexed partitions", append)] {
                let report = try JSONDecoder().decode(IngestReport.self, from: Data(run.output.utf8))
                let committedRate = Double(count) / report.seconds
                say(String(format: "  finrca ingest %@:", label))
                say(
                    String(
                        format:
                            "    rows committed (visible, verified)     %7.2f s  %@ rows/s  ratio %.2f× psql \\copy",
                        report.seconds,
                        IngestSummary.grouped(Int(committedRate)),
                        committedRate / referenceRate
                    )
                )
                say(
                    String(
                        format:
                            "    whole command, indexes built           %7.2f s  %@ rows/s  ratio %.2f×  peak RSS %5.1f MB",
                        run.seconds,
                        IngestSummary.grouped(Int(Double(count) / run.seconds)),
                        Double(count) / run.seconds / referenceRate,
                        Double(run.peakRSSBytes) / 1_048_576
                    )
                )
            }
        }
    }

    private func fileSize(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Drops and creates the benchmark database, then migrates it.
    static func recreate(_ database: DatabaseConfiguration, admin: DatabaseConfiguration, logger: Logger) async throws {
        try await Database.dropDatabase(database.database, on: admin, logger: logger)
        try await Database.createDatabase(database.database, on: admin, logger: logger)
        _ = try await Database.withConnection(database, logger: logger) {
            try await Migrator().migrate(on: $0, logger: logger)
        }
    }
}

/// What both benchmarks need: this binary's path, the throwaway `<database>_bench` database, and the
/// environment that points child processes (finrca and psql) at it.
struct BenchWorkspace {
    let executable: String
    let database: DatabaseConfiguration
    let environment: [String: String]

    init(configuration: FinrcaConfiguration, workdir: String) throws {
        try FileManager.default.createDirectory(atPath: workdir, withIntermediateDirectories: true)
        executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var database = configuration.database
        database.database = configuration.database.database + "_bench"
        self.database = database
        var environment = ProcessInfo.processInfo.environment
        environment["FINRCA_DATABASE_URL"] = database.description
        if let password = database.password {
            environment["FINRCA_DATABASE_PASSWORD"] = password
            environment["PGPASSWORD"] = password
        }
        self.environment = environment
    }

    /// Generates `path` (the deterministic sample) unless it exists from an earlier run. The file is written
    /// under a temporary name and renamed when complete, so an interrupted run never leaves a short file behind
    /// that a later run would reuse.
    static func ensureGenerated(_ path: String, rows: Int, seed: UInt64) throws {
        if FileManager.default.fileExists(atPath: path) { return }
        say("generating \(path) …")
        let partial = path + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        _ = try SampleGenerator(configuration: .init(rows: rows, seed: seed)).write(csvPath: partial, labelsPath: nil)
        try FileManager.default.moveItem(atPath: partial, toPath: path)
    }
}

/// Prints a line at once (stdout to a file or pipe is block-buffered; a long benchmark should show progress).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// `finrca bench detect`: a full detector run on N generated lines: wall time, peak RSS, time per pass.
struct DetectBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract:
            "Run the whole detector on N generated lines (fresh database); print wall time, peak RSS and pass timings."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Lines to generate and load (seed 42).")
    var rows: Int = 1_000_000

    @Option(name: .long, help: "Folder for generated files (git-ignored .bench by default).")
    var workdir: String = ".bench"

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let logger = bootstrapLogging(configuration.log)
        let workspace = try BenchWorkspace(configuration: configuration, workdir: workdir)
        let (executable, benchDatabase, environment) = (workspace.executable, workspace.database, workspace.environment)
        let file = "\(workdir)/gl-\(rows).csv"
        try BenchWorkspace.ensureGenerated(file, rows: rows, seed: 42)
        try await withExitCodes {
            try await IngestBench.recreate(benchDatabase, admin: configuration.database, logger: logger)
        }
        let load = try ChildProcess.run([executable, "ingest", "--json", file], environment: environment)
        guard load.status == 0 else { throw ValidationError("finrca ingest failed (status \(load.status))") }
        let detect = try ChildProcess.run([executable, "detect", "--json"], environment: environment)
        guard detect.status == 0 else { throw ValidationError("finrca detect failed (status \(detect.status))") }
        let report = try JSONDecoder().decode(DetectorRunner.Report.self, from: Data(detect.output.utf8))
        say(
            "finrca detect benchmark — \(IngestSummary.grouped(rows)) lines, \(ProcessInfo.processInfo.activeProcessorCount) cores, database \(benchDatabase)"
        )
        say(
            String(
                format: "  wall time %.2f s (target < 15 s)   peak RSS %.0f MB (target < 1024 MB)",
                detect.seconds,
                Double(detect.peakRSSBytes) / 1_048_576
            )
        )
        say(
            "  findings: "
                + report.findingsByKind.keys.sorted().map { "\($0) \(report.findingsByKind[$0]!)" }
                .joined(separator: ", ")
        )
        say(
            "  per step: "
                + report.timings.sorted { $0.value > $1.value }.map { String(format: "%@ %.2f s", $0.key, $0.value) }
                .joined(separator: ", ")
        )
    }
}
