import ArgumentParser
import Detector
import Foundation
import Logging
import PostgresNIO
import Shared

/// `finrca detect`: one detector run over what is in PostgreSQL.
struct DetectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Run the detector passes and store findings and dashboard documents (one transaction per run).",
        discussion: """
            Passes (detector.passes): statistical (z-score / robust modified z-score), isolation_forest, trend \
            (month over month and year over year per slice), root_cause (variance bridges and root-cause search), \
            audit (duplicates, Benford, round amounts, below approval limits, weekend postings), completeness. \
            A failed or interrupted run changes nothing: the previous run's findings and documents stay as they were.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Latest period to analyse, YYYY-PP (default: the latest in the data).")
    var period: String?

    @Option(name: .long, help: "Passes to run, comma-separated (overrides detector.passes).")
    var passes: String?

    @Flag(
        name: .long,
        help: """
            Recompute only the periods that batches loaded or replaced since the previous run affect, and keep the \
            previous findings about the other periods (a full run when no run has recorded its batches). Opt-in: \
            its findings still differ from a full run's (NOTES.md, issue 14).
            """
    )
    var incremental = false

    @Flag(name: .long, help: "Print the run's report as JSON.")
    var json = false

    func validate() throws {
        if let period, FiscalPeriod(period) == nil { throw ValidationError("--period must be YYYY-PP, e.g. 2024-07") }
    }

    func run() async throws {
        var configuration = try global.loadConfiguration()
        if let passes {
            configuration.detector.passes = try passes.split(separator: ",")
                .map {
                    guard
                        let pass = DetectorConfiguration.Pass(rawValue: String($0).trimmingCharacters(in: .whitespaces))
                    else {
                        throw ValidationError(
                            "unknown pass '\($0)'; passes are \(DetectorConfiguration.Pass.allCases.map(\.rawValue).joined(separator: ", "))"
                        )
                    }
                    return pass
                }
        }
        let logger = bootstrapLogging(configuration.log)
        let detector = configuration.detector
        let routes = configuration.routes.routes
        try await withExitCodes {
            let report = try await Database.withMigratedConnection(configuration.database, logger: logger) {
                connection in
                // A second session reads half of the journal lines at once (LedgerReader).
                try await Database.withConnection(configuration.database, logger: logger) { second in
                    try await DetectorRunner(configuration: detector, routes: routes, logger: logger)
                        .run(
                            on: connection,
                            second: second,
                            period: period.flatMap(FiscalPeriod.init),
                            incremental: incremental
                        )
                }
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(Self.render(report))
            }
        }
    }

    static func render(_ report: DetectorRunner.Report) -> String {
        var lines = [
            "detector run \(report.runID): \(IngestSummary.grouped(report.rowsScanned)) lines through \(report.latestPeriod ?? "-") in "
                + String(format: "%.2f s", report.seconds)
                + " — \(report.findingsByKind.values.reduce(0, +)) findings (\(report.newFindings) new, \(report.updatedFindings) seen before)"
                + (report.provisional ? ", latest period PROVISIONAL" : "")
                + (report.alertsQueued > 0 ? "; \(report.alertsQueued) alerts queued" : "")
        ]
        if report.mode == "incremental" {
            lines.append(
                "  incremental: recomputed \(report.affectedPeriods.joined(separator: ", ")); "
                    + "\(report.carriedFindings) findings of the previous run carried forward"
            )
        }
        lines.append(
            "  by severity: "
                + Severity.mostUrgentFirst.map { "\($0.rawValue) \(report.findingsBySeverity[$0.rawValue] ?? 0)" }
                .joined(separator: ", ")
        )
        lines.append(
            "  by kind: "
                + report.findingsByKind.keys.sorted().map { "\($0) \(report.findingsByKind[$0]!)" }
                .joined(separator: ", ")
        )
        if !report.leftOutByKind.isEmpty {
            lines.append(
                "  left out by the caps (highest attention kept): "
                    + report.leftOutByKind.keys.sorted().map { "\($0) \(report.leftOutByKind[$0]!)" }
                    .joined(separator: ", ")
            )
        }
        lines.append(
            "  timings: "
                + report.timings.keys.sorted().map { String(format: "%@ %.2f s", $0, report.timings[$0]!) }
                .joined(separator: ", ")
        )
        for headline in report.headlines { lines.append("  • \(headline)") }
        return lines.joined(separator: "\n")
    }
}
