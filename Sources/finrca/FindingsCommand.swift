import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import Shared

/// `finrca findings`: lists stored findings for people and scripts.
struct FindingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "List findings (default: those of the latest run), with their evidence lines.",
        subcommands: [List.self, Review.self],
        defaultSubcommand: List.self)

    /// `finrca findings [list]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List findings.")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: "Findings seen in this run (default: the latest run).")
        var run: Int64?

        @Option(name: .long, help: "Only this kind (e.g. mom_change, statistical_outlier, root_cause, duplicate_payment).")
        var kind: String?

        @Option(name: .long, help: "Only this severity or higher: info, low, medium, high, critical.")
        var severity: String = "info"

        @Option(name: .long, help: "At most this many, most severe and largest first.")
        var limit: Int = 50

        @Flag(name: .long, help: "One JSON object per finding.")
        var json = false

        func run() async throws {
            let configuration = try global.loadConfiguration()
            let logger = bootstrapLogging(configuration.log)
            let levels = ["info", "low", "medium", "high", "critical"]
            guard let minimum = levels.firstIndex(of: severity) else { throw ValidationError("--severity must be one of \(levels.joined(separator: ", "))") }
            let allowed = Array(levels[minimum...])
            try await withExitCodes {
                try await Database.withMigratedConnection(configuration.database, logger: logger) { connection in
                    let rows = try await connection.query(
                        """
                        SELECT json_build_object(
                            'id', id, 'kind', kind, 'severity', severity, 'period', period, 'dimension_path', dimension_path,
                            'actual', actual, 'expected', expected, 'delta', delta, 'currency', currency,
                            'explanation', explanation, 'evidence', evidence, 'review_status', review_status,
                            'provisional', provisional, 'first_seen', first_seen, 'last_seen', last_seen,
                            'times_seen', times_seen, 'fingerprint', fingerprint)::text,
                               id, severity, kind, coalesce(period, ''), explanation, evidence::text, review_status
                        FROM findings
                        WHERE last_run_id = coalesce(\(run), (SELECT max(id) FROM detector_runs))
                          AND (\(kind)::text IS NULL OR kind = \(kind)) AND severity = ANY(\(allowed))
                        ORDER BY array_position(ARRAY['critical','high','medium','low','info'], severity),
                                 abs(coalesce(delta, actual, 0)) DESC, id
                        LIMIT \(limit)
                        """, logger: logger)
                    var count = 0
                    for try await (object, id, severity, kind, period, explanation, evidence, review) in rows.decode(
                        (String, Int64, String, String, String, String, String, String).self)
                    {
                        count += 1
                        if json {
                            print(object)
                        } else {
                            print("#\(id) [\(severity)] \(kind) \(period)\(review == "open" ? "" : " (\(review))")")
                            print("    \(explanation)")
                            let lines = (try? JSONSerialization.jsonObject(with: Data(evidence.utf8)) as? [[String: Any]]) ?? []
                            if !lines.isEmpty {
                                print("    evidence: " + lines.prefix(5).map { "batch \($0["batch_id"] ?? "?") line \($0["line"] ?? "?")" }.joined(separator: ", ") + (lines.count > 5 ? ", …" : ""))
                            }
                        }
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
            abstract: "Record a review: open, confirmed, expected or false_alarm (later runs keep it; expected and false alarms are not re-alerted).")

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
            guard ["open", "confirmed", "expected", "false_alarm"].contains(status) else {
                throw ValidationError("--status must be open, confirmed, expected or false_alarm")
            }
            let configuration = try global.loadConfiguration()
            let logger = bootstrapLogging(configuration.log)
            let reviewer = by ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
            try await withExitCodes {
                let updated = try await Database.withMigratedConnection(configuration.database, logger: logger) { connection in
                    var count = 0
                    for try await _ in try await connection.query(
                        """
                        UPDATE findings SET review_status = \(status), reviewed_by = \(reviewer), reviewed_at = now(),
                            review_note = \(note) WHERE id = \(id) RETURNING id
                        """, logger: logger
                    ).decode(Int64.self) { count += 1 }
                    return count
                }
                guard updated == 1 else {
                    printError("no finding with id \(id)")
                    throw ExitCode(ExitStatus.usage)
                }
                print("finding \(id): \(status)")
            }
        }
    }
}
