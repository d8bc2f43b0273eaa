import ArgumentParser
import Foundation
import SampleData
import Shared

/// `finrca generate`: writes the deterministic synthetic GL extract used by the demo, tests and benchmarks.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a deterministic synthetic GL extract (31-column layout) with labelled anomalies.",
        discussion: """
            The same --rows and --seed always give byte-identical files. The labels JSON lists every injected \
            anomaly (point outliers, a month-over-month spike, a root-cause set, duplicate payments, amounts just \
            below the approval limit) with its CSV line numbers, plus exact signed totals per fiscal year.
            """
    )

    @Option(name: .long, help: "Number of data rows.")
    var rows: Int = 100_000

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 42

    @Option(name: .long, help: "First fiscal year.")
    var firstYear: Int = 2022

    @Option(name: .long, help: "Number of fiscal years (12 periods each).")
    var years: Int = 3

    @Option(name: .long, help: "Output CSV file.")
    var out: String

    @Option(name: .long, help: "Write the anomaly labels as JSON to this file.")
    var labels: String?

    func validate() throws {
        guard rows > 0 else { throw ValidationError("--rows must be positive") }
        guard (1...20).contains(years) else { throw ValidationError("--years must be 1-20") }
        guard (1900...2990).contains(firstYear) else { throw ValidationError("--first-year must be 1900-2990") }
    }

    func run() async throws {
        let started = ContinuousClock.now
        let generator = SampleGenerator(
            configuration: SampleGeneratorConfiguration(
                rows: rows,
                seed: seed,
                firstFiscalYear: firstYear,
                fiscalYears: years
            )
        )
        let result: SampleLabels
        do {
            result = try generator.write(csvPath: out, labelsPath: labels)
        } catch {
            printError("cannot write \(out): \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        let elapsed = ContinuousClock.now - started
        print(
            "wrote \(IngestSummary.grouped(result.rows)) rows to \(out) (seed \(seed)) in \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 2))))"
        )
        for year in result.totalsByFiscalYear.keys.sorted() {
            print(
                "  fiscal year \(year): \(IngestSummary.grouped(result.rowCountByFiscalYear[year] ?? 0)) rows, signed total \(result.totalsByFiscalYear[year]!)"
            )
        }
        if let labels { print("  \(result.anomalies.count) labelled anomalies in \(labels)") }
    }
}
