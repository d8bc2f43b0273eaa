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
            Input: a CSV with a header, plain or gzip-compressed (the Squeeze B0 cases, `<timestamp>.csv.gz`). \
            `real` and `predict` are the actual and expected measure; when `real_a`, `real_b`, `predict_a`, \
            `predict_b` are present the measure is the ratio real_a/real_b against predict_a/predict_b. Every \
            other column is a dimension.

            Output: a summary and the root-cause candidates, then, as the last line, the root-cause set in \
            Squeeze form (`a=a1&b=b2;c=c3`; an empty line when nothing changed beyond the noise). For an additive \
            measure the set holds every independent cause found; for a ratio, the strongest cause and its siblings.

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

    @Option(name: .long, help: "Risk score an element needs to join as a further cause (additive measures).")
    var riskThreshold: Double = RootCauseConfiguration().riskThreshold

    @Option(name: .long, help: "Share of the abnormal leaves' change a further cause must explain (additive measures).")
    var minimumCauseShare: Double = RootCauseConfiguration().minimumCauseShare

    @Option(
        name: .long,
        help: "Most extreme leaf deviations passed over when the noise level is read (additive measures)."
    )
    var extremeLeavesSkipped: Int = RootCauseConfiguration().extremeLeavesSkipped

    @Flag(name: .long, help: "Report only the strongest cause and its siblings, also for an additive measure.")
    var singleCause = false

    @Flag(name: .long, help: "Print the seconds spent reading and searching to standard error.")
    var timing = false

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top must not be negative") }
        guard maximumPairs > 0 else { throw ValidationError("--maximum-pairs must be positive") }
        guard pseudoCount > 0, pseudoCount.isFinite else { throw ValidationError("--pseudo-count must be positive") }
        guard riskThreshold.isFinite else { throw ValidationError("--risk-threshold must be a number") }
        guard minimumCauseShare > 0, minimumCauseShare.isFinite else {
            throw ValidationError("--minimum-cause-share must be positive")
        }
        guard extremeLeavesSkipped >= 0 else { throw ValidationError("--extreme-leaves-skipped must not be negative") }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let table: RootCauseTable
        do {
            table = try RootCauseCaseFile.read(path: casePath)
        } catch {
            printError("\(casePath): \(error)")
            throw ExitCode(ExitStatus.dataRejected)
        }
        let read = clock.now
        let configuration = RootCauseConfiguration(
            maximumPairs: maximumPairs,
            pseudoCount: pseudoCount,
            rankedCount: max(top, 1),
            findsSeveralCauses: !singleCause,
            riskThreshold: riskThreshold,
            minimumCauseShare: minimumCauseShare,
            extremeLeavesSkipped: extremeLeavesSkipped
        )
        let result = RootCauseSearch.search(table, configuration: configuration)
        if timing {
            let searched = clock.now
            printError(
                String(format: "read %.4f s, search %.4f s", (read - started).inSeconds, (searched - read).inSeconds)
            )
        }
        for line in RootCauseReport.lines(result: result, table: table, top: top) {
            print(line)
        }
    }
}
