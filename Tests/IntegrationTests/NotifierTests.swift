import FinrcaTestSupport
import Detector
import Foundation
import Ingestor
import Notifier
import PostgresNIO
import SampleData
import Shared
import Testing

/// Webhook delivery against a real HTTP receiver (scripts/webhook-receiver.py) that checks signatures.
@Suite("Notifier: signed webhooks, retries, receiver down", .needsDatabase)
struct NotifierTests {
    static let secret = "test-secret-0123456789abcdef0123456789"

    /// A receiver on a free loopback port; `body` runs while it is up.
    static func withReceiver<T>(
        failFirst: Int,
        failStatus: Int = 500,
        delayMilliseconds: Int = 0,
        secret: String = NotifierTests.secret,
        hold: (after: Int, releaseFile: String)? = nil,
        _ body: (Int, String) async throws -> T
    ) async throws -> T {
        let holding = hold.map { ["--hold-after", "\($0.after)", "--release-file", $0.releaseFile] } ?? []
        return try await ScriptServer.with(
            "webhook-receiver.py",
            arguments: [
                "--secret", secret, "--fail-first", "\(failFirst)", "--fail-status", "\(failStatus)", "--delay-ms",
                "\(delayMilliseconds)",
            ] + holding,
            body
        )
    }

    static func requests(_ path: String) throws -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// A database with findings and one queued immediate webhook alert per high/critical finding.
    static func withQueuedAlerts(port: Int, _ body: (PostgresConnection, AlertRoutes, Int) async throws -> Void)
        async throws
    {
        let routes = AlertRoutes(routes: [
            AlertRoute(
                name: "ops",
                match: .init(minSeverity: "high"),
                channel: .webhook,
                url: "http://127.0.0.1:\(port)/hook",
                mode: .immediate
            )
        ])
        try await withQueuedAlerts(routes: routes) { _, connection, queued in try await body(connection, routes, queued)
        }
    }

    /// A database with the findings of 5,000 generated lines and the alerts `routes` queue for them.
    static func withQueuedAlerts(
        routes: AlertRoutes,
        _ body: (DatabaseConfiguration, PostgresConnection, Int) async throws -> Void
    ) async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("gl.csv")
        _ = try SampleGenerator(configuration: .init(rows: 5_000, seed: 4)).write(csvPath: path, labelsPath: nil)
        try await TestDatabase.withFreshDatabase { database, connection in
            _ = try await BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
                .load(.init(path: path, profile: .financeExpense), on: connection)
            let report = try await DetectorRunner(
                configuration: DetectorConfiguration(),
                routes: routes.routes,
                logger: TestDatabase.logger
            )
            .run(on: connection)
            try await body(database, connection, report.alertsQueued)
        }
    }

    static func configuration(baseDelaySeconds: Int) -> NotifyConfiguration {
        var configuration = NotifyConfiguration()
        configuration.webhookSecret = secret
        configuration.baseDelaySeconds = baseDelaySeconds
        configuration.maximumAttempts = 8
        configuration.timeoutSeconds = 2
        return configuration
    }

    @Test(
        "every alert arrives signed with its idempotency key; 500 three times then 200: each delivered exactly once, attempts recorded"
    )
    func retriesThenDelivers() async throws {
        try await Self.withReceiver(failFirst: 3) { port, out in
            try await Self.withQueuedAlerts(port: port) { connection, routes, queued in
                #expect(queued >= 1)
                let runner = NotificationRunner(
                    routes: routes,
                    configuration: Self.configuration(baseDelaySeconds: 0),
                    logger: TestDatabase.logger
                )
                // Each pass tries every due alert once; the failed ones are due again for the next pass.
                var deliveredCount = 0
                var passes = 0
                while deliveredCount < queued, passes < 5 {
                    deliveredCount += try await runner.run(on: connection).delivered
                    passes += 1
                }
                #expect(deliveredCount == queued)
                #expect(passes == 2)
                #expect(
                    try await connection.value("SELECT count(*)::text FROM alerts WHERE state = 'delivered'")
                        == String(queued)
                )
                let received = try Self.requests(out)
                #expect(received.count == queued + 3)
                #expect(received.allSatisfy { $0["signature_valid"] as? Bool == true })
                let delivered = received.filter { $0["status"] as? Int == 200 }
                    .compactMap { $0["idempotency_key"] as? String }
                #expect(Set(delivered).count == queued, "each alert delivered exactly once")
                let keys = try await connection.rows("SELECT idempotency_key FROM alerts").compactMap { $0[0] }
                #expect(Set(delivered) == Set(keys))
                // The three refused requests are three alerts tried twice (refused, then delivered in the next pass).
                #expect(
                    try await connection.rows("SELECT attempts::text, count(*)::text FROM alerts GROUP BY 1 ORDER BY 1")
                        == [["1", String(queued - 3)], ["2", "3"]]
                )
                let body = try #require(received.last?["body"] as? String)
                let payload = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                let findings = try #require(payload["findings"] as? [[String: Any]])
                #expect(findings.first?["explanation"] as? String != nil)
                #expect((findings.first?["link"] as? String)?.hasPrefix("http://127.0.0.1:8080/findings/") == true)
            }
        }
    }

    @Test("receiver down: alerts stay retrying, nothing is marked delivered")
    func receiverDown() async throws {
        try await Self.withQueuedAlerts(port: 9) { connection, routes, queued in
            let summary = try await NotificationRunner(
                routes: routes,
                configuration: Self.configuration(baseDelaySeconds: 60),
                logger: TestDatabase.logger
            )
            .run(on: connection)
            #expect(summary.delivered == 0)
            #expect(summary.retrying == queued)
            #expect(
                try await connection.value(
                    "SELECT count(*)::text FROM alerts WHERE state = 'retrying' AND last_error IS NOT NULL"
                ) == String(queued)
            )
            #expect(try await connection.value("SELECT count(*)::text FROM alerts WHERE state = 'delivered'") == "0")
        }
    }
}
