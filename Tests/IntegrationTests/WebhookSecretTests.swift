import FinrcaTestSupport
import Foundation
import Notifier
import PostgresNIO
import Shared
import Testing

/// Webhook keys per route, and webhook URLs kept out of stored errors and logs.
@Suite("Webhooks: a key per route, URLs redacted", .needsDatabase)
struct WebhookSecretTests {
    static let routeSecret = String(repeating: "r", count: 40)

    @Test("a route with its own key signs with it, not with the shared one")
    func ownKey() async throws {
        try await NotifierTests.withReceiver(failFirst: 0, secret: Self.routeSecret) { port, out in
            try await NotifierTests.withQueuedAlerts(port: port) { connection, routes, queued in
                var configuration = NotifierTests.configuration(baseDelaySeconds: 0)
                configuration.routeWebhookSecrets = ["ops": Self.routeSecret]
                let summary = try await NotificationRunner(
                    routes: routes,
                    configuration: configuration,
                    logger: TestDatabase.logger
                )
                .run(on: connection)
                #expect(summary.delivered == queued && queued > 0)
                let received = try NotifierTests.requests(out)
                #expect(received.count == queued)
                #expect(received.allSatisfy { $0["signature_valid"] as? Bool == true }, "signed with the route's key")
            }
        }
    }

    @Test("a route without a key of its own or a shared one holds its alerts and names the variable to set")
    func missingKey() async throws {
        try await NotifierTests.withQueuedAlerts(port: 9) { connection, routes, queued in
            var configuration = NotifierTests.configuration(baseDelaySeconds: 0)
            configuration.webhookSecret = nil
            let summary = try await NotificationRunner(
                routes: routes,
                configuration: configuration,
                logger: TestDatabase.logger
            )
            .run(on: connection)
            #expect(summary.held == queued && summary.delivered == 0)
            #expect(summary.problems.contains { $0.contains("FINRCA_NOTIFY_WEBHOOK_SECRET_OPS") })
        }
    }

    @Test("a receiver that is down: the stored error names the host, never the URL's secret path")
    func redactedError() async throws {
        let routes = AlertRoutes(routes: [
            AlertRoute(
                name: "slack",
                match: .init(minSeverity: "high"),
                channel: .webhook,
                url: "http://127.0.0.1:9/services/T000/B000/secret-token-XYZ",
                mode: .immediate
            )
        ])
        try await NotifierTests.withQueuedAlerts(routes: routes) { _, connection, queued in
            #expect(queued > 0)
            _ = try await NotificationRunner(
                routes: routes,
                configuration: NotifierTests.configuration(baseDelaySeconds: 0),
                logger: TestDatabase.logger
            )
            .run(on: connection)
            let errors = try await connection.rows("SELECT last_error FROM alerts").compactMap { $0[0] }
            #expect(errors.count == queued)
            #expect(
                errors.allSatisfy { $0.contains("http://127.0.0.1:9/…") && !$0.contains("secret-token") },
                "\(errors)"
            )
        }
    }
}
