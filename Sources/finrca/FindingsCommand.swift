import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import Server
import Shared

/// `finrca findings`: lists stored findings for people and scripts.
struct FindingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "List findings (default: those of the latest run), with their evidence lines.",
        subcommands: [List.self, Review.self],
        defaultSubcommand: List.self
    )

    /// `finrca findings [list]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List findings.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Findings seen in this run (default: the latest run).")
        var run: Int64?

        @Option(
            name: .long,
            help: "Only this kind (e.g. mom_change, statistical_outlier, root_cause, duplicate_payment)."
        )
        var kind: String?

        @Option(name: .long, help: "Only this severity or higher: info, low, medium, high, critical.")
        var severity: String = Severity.info.rawValue

        @Option(name: .long, help: "At most this many, most severe and largest first.")
        var limit: Int = 50

        @Flag(name: .long, help: "One JSON object per finding.")
        var json = false

        func run() async throws {
            guard let minimum = Severity(rawValue: severity) else {
                throw ValidationError("--severity must be one of \(Severity.choices)")
            }
            let kindFilter = try kind.map { text in
                guard let kind = FindingKind(rawValue: text) else {
                    throw ValidationError("--kind must be one of \(FindingKind.choices)")
                }
                return kind
            }
            let configuration = try global.loadConfiguration()
            let logger = bootstrapLogging(configuration.log)
            let filter = FindingFilter(kind: kindFilter, minimumSeverity: minimum, run: run, latestRunOnly: true)
            try await withExitCodes {
                try await Database.withMigratedConnection(configuration.database, logger: logger) { connection in
                    var count = 0
                    for try await (_, object)
                        in try await connection.query(
                            FindingProjection.list(filter, order: .mostUrgentFirst, limit: limit),
                            logger: logger
                        )
                        .decode((Int64, String).self)
                    {
                        count += 1
                        print(json ? object : FindingText.lines(try JSONValue(parsing: object)))
                    }
                    if !json, count == 0 { print("no findings") }
                }
            }
        }
    }

    /// `finrca findings review ID --status expected`.
    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract:
                "Record a review: open, confirmed, expected or false_alarm (later runs keep it; expected and false alarms are not re-alerted)."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Finding id.")
        var id: Int64

        @Option(name: .long, help: "open, confirmed, expected or false_alarm.")
        var status: String

        @Option(name: .long, help: "Who reviewed it (default: $USER).")
        var by: String?

        @Option(name: .long, help: "A note.")
        var note: String?

        func run() async throws {
            guard let decision = ReviewStatus(rawValue: status) else {
                throw ValidationError("--status must be one of \(ReviewStatus.choices)")
            }
            let configuration = try global.loadConfiguration()
            let logger = bootstrapLogging(configuration.log)
            let review = FindingReview(
                status: decision,
                reviewer: by ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown",
                note: note
            )
            try await withExitCodes {
                let updated = try await Database.withMigratedConnection(configuration.database, logger: logger) {
                    connection in
                    try await review.record(onFinding: id, on: connection, logger: logger)
                }
                guard updated else {
                    printError("no finding with id \(id)")
                    throw ExitCode(ExitStatus.usage)
                }
                print("finding \(id): \(decision.rawValue)")
            }
        }
    }
}
