import ArgumentParser
import Foundation
import Logging
import Server
import Shared

/// `finrca rules`: the suppression rules reviews made (`finrca findings review … --status expected --rule …`).
struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List or remove the suppression rules that reviews of findings as expected made.",
        subcommands: [List.self, Remove.self],
        defaultSubcommand: List.self
    )

    /// `finrca rules [list]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the rules, newest first.")

        @OptionGroup var global: GlobalOptions

        @Flag(name: .long, help: "Also list removed rules.")
        var removed = false

        func run() async throws {
            let configuration = try global.loadConfiguration()
            let logger = bootstrapLogging(configuration.log)
            try await withExitCodes {
                let rules = try await Database.withMigratedConnection(configuration.database, logger: logger) {
                    try await SuppressionRuleStore(logger: logger).list(includingRemoved: removed, on: $0)
                }
                if rules.isEmpty { print("no rules") }
                for stored in rules {
                    let source = stored.sourceFindingID.map { " from finding \($0)" } ?? ""
                    let state = stored.removedAt == nil ? "" : " (removed)"
                    print(
                        "rule \(stored.rule.id)\(state): \(RulesCommand.describe(stored.rule))\(source), by \(stored.createdBy)"
                    )
                    if let note = stored.note { print("    \(note)") }
                }
            }
        }
    }

    /// `finrca rules remove ID`.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Remove a rule: later runs report what it suppressed again."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Rule id.")
        var id: Int64

        @Option(name: .long, help: "Who removes it (default: $USER).")
        var by: String?

        func run() async throws {
            let configuration = try global.loadConfiguration()
            let logger = bootstrapLogging(configuration.log)
            let user = by ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
            try await withExitCodes {
                let removed = try await Database.withMigratedConnection(configuration.database, logger: logger) {
                    try await SuppressionRuleStore(logger: logger).remove(id, by: user, on: $0)
                }
                guard removed else {
                    printError("no active rule \(id)")
                    throw ExitCode(ExitStatus.usage)
                }
                print("rule \(id) removed")
            }
        }
    }

    /// `duplicate_payment where supplier=ACME LTD, amount 1200.00 GBP`.
    static func describe(_ rule: SuppressionRule) -> String {
        var text = "\(rule.kind?.rawValue ?? "any kind") where "
        text += rule.dimensions.map { "\($0.dimension.rawValue)=\($0.value)" }.joined(separator: " and ")
        if let amount = rule.amount { text += ", amount \(amount.grouped) \(rule.currency)" }
        return text
    }
}
