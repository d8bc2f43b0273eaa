import ArgumentParser
import Foundation
import Logging
import Notifier
import PostgresNIO
import Shared

/// `finrca notify`: delivers the queued alerts.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract:
            "Deliver queued alerts (signed webhooks, email) with retries; --dry-run prints what would be sent to whom.",
        discussion: """
            Alerts are queued by `finrca detect` according to notify.routes_file. Each carries a stable \
            Idempotency-Key; webhooks are signed (X-Finrca-Signature: v1=HMAC-SHA256(secret, "<timestamp>.<body>")) \
            with FINRCA_NOTIFY_WEBHOOK_SECRET; emails go through notify.smtp_url with the key as Message-ID. \
            Failures are retried with exponential backoff and full jitter; after notify.max_attempts, or when the \
            receiver refuses an alert for good, it is dead. Exit codes: 0 all due alerts handled, 1 a channel with \
            due alerts is not configured (they stay queued), 6 another notifier is running.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Print the due alerts and their recipients; send nothing, change nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let logger = bootstrapLogging(configuration.log)
        try await withExitCodes {
            try await Database.withMigratedConnection(configuration.database, logger: logger) { connection in
                if dryRun {
                    try await printDue(configuration: configuration, on: connection, logger: logger)
                    return
                }
                let summary = try await NotificationRunner(
                    routes: configuration.routes,
                    configuration: configuration.notify,
                    logger: logger
                )
                .run(on: connection)
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys]
                    print(String(decoding: try encoder.encode(summary), as: UTF8.self))
                } else {
                    print(
                        "notify: \(summary.delivered) delivered, \(summary.retrying) to retry, \(summary.dead) dead, \(summary.cancelled) cancelled, \(summary.recovered) interrupted attempts requeued, \(summary.held) held"
                    )
                }
                for problem in summary.problems { printError(problem) }
                if !summary.problems.isEmpty { throw ExitCode(ExitStatus.usage) }
            }
        }
    }

    private func printDue(configuration: FinrcaConfiguration, on connection: PostgresConnection, logger: Logger)
        async throws
    {
        let routes = Dictionary(uniqueKeysWithValues: configuration.routes.routes.map { ($0.name, $0) })
        let alerts = try await AlertOutbox(logger: logger).unfinished(on: connection)
        for alert in alerts {
            let recipients =
                routes[alert.route]
                .map { $0.channel == .email ? ($0.to ?? []).joined(separator: ", ") : ($0.url ?? "") }
                ?? "(route no longer configured)"
            print(
                "alert \(alert.id) [\(alert.state.rawValue)] \(alert.mode) \(alert.channel) via route \(alert.route) → \(recipients): \(alert.findings) finding\(alert.findings == 1 ? "" : "s"), key \(alert.idempotencyKey)"
            )
        }
        print("\(alerts.count) alerts would be sent")
    }
}
