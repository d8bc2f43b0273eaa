import ArgumentParser
import Detector
import Foundation
import Shared

/// `finrca rca-case`: multi-dimensional root-cause search on one case file in the Squeeze/RiskLoc layout.
struct RCACaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rca-case",
        abstract: "Find the combination of dimension values that explains the change in one case CSV.",
        discussion: """
            Input: a CSV with a header. `real` and `predict` are the actual and expected measure; when \
            `real_a`, `real_b`, `predict_a`, `predict_b` are present the measure is the ratio real_a/real_b \
            against predict_a/predict_b. Every other column is a dimension.

            Output: a summary and the root-cause candidates, then, as the last line, the root-cause set in \
            Squeeze form (`a=a1&b=b2;c=c3`; an empty line when nothing changed beyond the noise).

            Exit codes: 0 searched; 1 usage error; 2 the file was refused.
            """
    )

    @Argument(help: "The case CSV file.")
    var casePath: String

    @Option(name: .long, help: "Also print this many ranked candidates (the root-cause set is always printed).")
    var top: Int = 0

    @Option(name: .long, help: "Most dimension=value conditions per element.")
    var maximumPairs: Int = RootCauseConfiguration().maximumPairs

    @Option(
        name: .long,
        help: "Smoothing mass in the unit of the measure (events for counts, currency for money)."
    )
    var pseudoCount: Double = RootCauseConfiguration().pseudoCount

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top must not be negative") }
        guard maximumPairs > 0 else { throw ValidationError("--maximum-pairs must be positive") }
        guard pseudoCount > 0, pseudoCount.isFinite else { throw ValidationError("--pseudo-count must be positive") }
    }

    func run() async throws {
        let table: RootCauseTable
        do {
            table = try RootCauseCaseFile.read(path: casePath)
        } catch {
            printError("\(casePath): \(error)")
            throw ExitCode(ExitStatus.dataRejected)
        }
        let configuration = RootCauseConfiguration(
            maximumPairs: maximumPairs,
            pseudoCount: pseudoCount,
            rankedCount: max(top, 1)
        )
        let result = RootCauseSearch.search(table, configuration: configuration)
        for line in RootCauseReport.lines(result: result, table: table, top: top) {
            print(line)
        }
    }
}
