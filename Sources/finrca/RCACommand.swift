import ArgumentParser
import Detector
import Foundation
import Logging
import PostgresNIO
import Shared

/// `finrca rca`: explains the change between any two periods, optionally within a slice.
struct RCACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rca",
        abstract: "Explain the change between two periods: variance bridges, ranked root-cause sets, evidence lines."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Start period, YYYY-PP.")
    var from: String

    @Option(name: .long, help: "End period, YYYY-PP.")
    var to: String

    @Option(
        name: .customLong("where"),
        help:
            "Restrict to a slice, dimension=value (directorate, cost_center, gl_account, supplier, functional_area); repeatable."
    )
    var conditions: [String] = []

    @Option(name: .long, help: "The currency whose lines to explain (default: the one with the most lines).")
    var currency: String?

    @Flag(name: .long, help: "Print the analysis as JSON.")
    var json = false

    func validate() throws {
        guard FiscalPeriod(from) != nil, FiscalPeriod(to) != nil else {
            throw ValidationError("--from and --to must be YYYY-PP")
        }
        _ = try filter()
    }

    private func filter() throws -> [DimensionValue] {
        try conditions.map { condition in
            let parts = condition.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let dimension = LedgerDimension(rawValue: parts[0]) else {
                throw ValidationError(
                    "--where takes dimension=value with dimension one of \(LedgerDimension.allCases.map(\.rawValue).joined(separator: ", ")); got '\(condition)'"
                )
            }
            return DimensionValue(dimension, parts[1])
        }
    }

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let logger = bootstrapLogging(configuration.log)
        let filter = try filter()
        let (start, end) = (FiscalPeriod(from)!, FiscalPeriod(to)!)
        try await withExitCodes {
            let (explanation, scopeCurrency) = try await Database.withMigratedConnection(
                configuration.database,
                logger: logger
            ) { connection in
                var timings: [String: Double] = [:]
                let scopes = try await LedgerReader(logger: logger)
                    .read(on: connection, currency: configuration.detector.currency, timings: &timings).inputs
                let chosen: DetectorInputs? =
                    if let code = currency { scopes.first { $0.currency == code } } else { scopes.first }
                guard let inputs = chosen else {
                    let known = scopes.map(\.currency).joined(separator: ", ")
                    throw ValidationError("no lines in currency \(currency ?? "") (the ledger holds: \(known))")
                }
                let columns = inputs.columns
                let materiality =
                    configuration.detector.materiality
                    ?? DetectorAnalysis.automaticMateriality(
                        Dictionary(
                            uniqueKeysWithValues: inputs.sliceTotals.filter { $0.dimension == nil }
                                .map { ($0.period, (amount: $0.amount, lines: $0.lines)) }
                        )
                    )
                return (
                    await ChangeExplanation.explain(
                        columns: columns,
                        index: PeriodIndex(columns),
                        from: start,
                        to: end,
                        filter: filter,
                        materiality: materiality
                    ), inputs.currency
                )
            }
            if json {
                print(JSONValue.object([("schema", .string("finrca.rca/1"))] + DashboardBuilder.rca(explanation)).text)
            } else {
                print(Self.render(explanation, wording: Wording(currency: scopeCurrency)))
            }
        }
    }

    static func render(_ explanation: ChangeExplanation, wording: Wording) -> String {
        let scope =
            explanation.filter.isEmpty
            ? "organisation"
            : explanation.filter.map { "\($0.dimension.rawValue)=\($0.value)" }.joined(separator: " & ")
        var lines = [
            "\(scope): \(explanation.from) → \(explanation.to), change \(explanation.change.grouped) \(wording.currency)"
        ]
        for bridge in explanation.bridges {
            lines.append("bridge by \(bridge.dimension.label): \(bridge.start.grouped) → \(bridge.end.grouped)")
            for step in bridge.steps.prefix(5) {
                lines.append(
                    "    \(step.contribution.minorUnits >= 0 ? "+" : "")\(step.contribution.grouped)  \(step.member)"
                )
            }
            if bridge.steps.count > 5 {
                let rest = bridge.steps.dropFirst(5).reduce(Money.zero) { $0 + $1.contribution }
                lines.append("    \(rest.minorUnits >= 0 ? "+" : "")\(rest.grouped)  \(bridge.steps.count - 5) others")
            }
        }
        lines.append("ranked root-cause candidates:")
        for (rank, candidate) in explanation.search.ranked.prefix(10).enumerated() {
            lines.append(
                String(
                    format: "  #%d %@  explains %.0f %%  surprise %.2f%@",
                    rank + 1,
                    candidate.element.description,
                    candidate.explainedShare * 100,
                    candidate.surprise,
                    candidate.isRootCause ? "  [root cause]" : ""
                )
            )
        }
        if !explanation.importance.isEmpty {
            lines.append(
                "random-forest importance: "
                    + explanation.importance
                    .map {
                        "\(ChangeExplanation.leafDimensions[$0.dimension].rawValue) \(String(format: "%.2f", $0.importance))"
                            + ($0.permutationIncrease.map { String(format: " (permutation +%.3g)", $0) } ?? "")
                    }
                    .joined(separator: ", ")
            )
        }
        if !explanation.correlations.isEmpty {
            lines.append(
                "correlation with the total: "
                    + explanation.correlations
                    .map { "\($0.dimension.rawValue)=\($0.member) r=\(String(format: "%.2f", $0.coefficient))" }
                    .joined(separator: ", ")
            )
        }
        for line in explanation.evidence.prefix(5) {
            lines.append("  evidence: batch \(line.batchID) line \(line.line) \(line.amount.grouped)")
        }
        if let finding = explanation.finding(wording: wording) { lines.append(finding.explanation) }
        lines.append("root-cause set: \(explanation.search.squeezeForm)")
        return lines.joined(separator: "\n")
    }
}
