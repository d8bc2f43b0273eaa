import FinrcaTestSupport
import Foundation
import Notifier
import PostgresNIO
import Shared
import Testing

/// Email through a real SMTP server, permanent refusals, unconfigured channels and a notifier killed mid-batch.
@Suite("Notifier: email channel, refusals, SIGKILL mid-batch", .needsDatabase, .needsSMTPServer)
struct NotifierChannelTests {
    static func emailConfiguration(_ sink: EmailTestSink) -> NotifyConfiguration {
        var configuration = NotifierTests.configuration(baseDelaySeconds: 60)
        configuration.smtpURL = sink.url
        configuration.smtpStartTLS = "none"
        configuration.smtpFrom = "finrca@example.org"
        configuration.emailRatePerMinute = 0
        return configuration
    }

    @Test(
        "email alerts arrive with the route's recipients, the severity in the subject, the key as Message-ID, the findings in both parts"
    )
    func emailDelivery() async throws {
        let routes = AlertRoutes(routes: [
            AlertRoute(
                name: "controllers",
                match: .init(minSeverity: "high"),
                channel: .email,
                to: ["controller@example.org", "fpa@example.org"],
                mode: .immediate
            ),
            AlertRoute(
                name: "audit",
                match: .init(kinds: ["duplicate_payment"]),
                channel: .email,
                to: ["audit@example.org"],
                mode: .digest
            ),
        ])
        try await EmailTestSink.with { sink in
            try await NotifierTests.withQueuedAlerts(routes: routes) { _, connection, queued in
                let summary = try await NotificationRunner(
                    routes: routes,
                    configuration: Self.emailConfiguration(sink),
                    logger: TestDatabase.logger
                )
                .run(on: connection)
                #expect(queued >= 2)
                #expect(summary.delivered == queued)
                let received = try sink.received()
                #expect(received.count == queued)
                let alerts = try await connection.rows(
                    "SELECT idempotency_key, route, cardinality(finding_ids)::text FROM alerts ORDER BY id"
                )
                for row in alerts {
                    let key = try #require(row[0])
                    let message = try #require(
                        received.first { $0.messageId == "<\(key)@example.org>" },
                        "no message for \(key)"
                    )
                    #expect(message.defects.isEmpty)
                    #expect(message.mailFrom == "finrca@example.org")
                    let text = try #require(message.parts.first { $0.contentType == "text/plain" }?.text)
                    let html = try #require(message.parts.first { $0.contentType == "text/html" }?.text)
                    #expect(text.contains(key) && html.contains(key))
                    if row[1] == "controllers" {
                        #expect(message.rcptTos == ["controller@example.org", "fpa@example.org"])
                        let finding =
                            try await
                            connection.rows(
                                """
                                SELECT f.severity, f.kind, f.explanation, f.id::text FROM alerts a JOIN findings f ON f.id = a.finding_ids[1]
                                WHERE a.idempotency_key = '\(key)'
                                """
                            )[0]
                        #expect(
                            message.subject?.hasPrefix("[finrca] \(finding[0]!.uppercased()) \(finding[1]!)") == true,
                            "\(message.subject ?? "")"
                        )
                        #expect(text.contains(finding[2]!))
                        #expect(text.contains("Details: http://127.0.0.1:8080/findings/\(finding[3]!)"))
                        #expect(html.contains("<table") && html.contains("/findings/\(finding[3]!)"))
                    } else {
                        #expect(message.rcptTos == ["audit@example.org"])
                        #expect(
                            message.subject?.hasPrefix("[finrca] \(row[2]!) findings") == true,
                            "\(message.subject ?? "")"
                        )
                        // Each duplicate payment lists its journal lines with the file they came from.
                        #expect(text.contains("Evidence: gl.csv line "))
                    }
                }
            }
        }
    }

    @Test("SMTP 550 for a recipient: the alert is dead after one attempt; 451: it is retried")
    func smtpRefusals() async throws {
        let routes = AlertRoutes(routes: [
            AlertRoute(
                name: "refused",
                match: .init(kinds: ["duplicate_payment"]),
                channel: .email,
                to: ["reject@example.org"],
                mode: .digest
            ),
            AlertRoute(
                name: "deferred",
                match: .init(kinds: ["duplicate_payment"]),
                channel: .email,
                to: ["defer@example.org"],
                mode: .digest
            ),
        ])
        try await EmailTestSink.with { sink in
            try await NotifierTests.withQueuedAlerts(routes: routes) { _, connection, queued in
                let summary = try await NotificationRunner(
                    routes: routes,
                    configuration: Self.emailConfiguration(sink),
                    logger: TestDatabase.logger
                )
                .run(on: connection)
                #expect(queued == 2)
                #expect(summary.dead == 1 && summary.retrying == 1 && summary.delivered == 0)
                #expect(
                    try await connection.rows("SELECT route, state, attempts::text FROM alerts ORDER BY route")
                        == [["deferred", "retrying", "1"], ["refused", "dead", "1"]]
                )
                #expect(
                    try await connection.value("SELECT last_error FROM alerts WHERE route = 'refused'")?
                        .contains("SMTP reply 550") == true
                )
                #expect(try sink.received().isEmpty)
            }
        }
    }

    @Test("HTTP 400 from the receiver: dead after one attempt, not retried")
    func permanentWebhookRefusal() async throws {
        try await NotifierTests.withReceiver(failFirst: 1_000, failStatus: 400) { port, _ in
            try await NotifierTests.withQueuedAlerts(port: port) { connection, routes, queued in
                let summary = try await NotificationRunner(
                    routes: routes,
                    configuration: NotifierTests.configuration(baseDelaySeconds: 0),
                    logger: TestDatabase.logger
                )
                .run(on: connection)
                #expect(summary.dead == queued && summary.retrying == 0)
                #expect(
                    try await connection.rows("SELECT state, attempts::text, count(*)::text FROM alerts GROUP BY 1, 2")
                        == [["dead", "1", String(queued)]]
                )
            }
        }
    }

    @Test("a channel without its settings: its alerts are held untouched (no attempt used), the other channel delivers")
    func unconfiguredChannelHoldsAlerts() async throws {
        try await NotifierTests.withReceiver(failFirst: 0) { port, out in
            let routes = AlertRoutes(routes: [
                AlertRoute(
                    name: "ops",
                    match: .init(minSeverity: "high"),
                    channel: .webhook,
                    url: "http://127.0.0.1:\(port)/hook"
                ),
                AlertRoute(
                    name: "mail",
                    match: .init(minSeverity: "high"),
                    channel: .email,
                    to: ["controller@example.org"]
                ),
            ])
            try await NotifierTests.withQueuedAlerts(routes: routes) { _, connection, queued in
                let summary = try await NotificationRunner(
                    routes: routes,
                    configuration: NotifierTests.configuration(baseDelaySeconds: 0),
                    logger: TestDatabase.logger
                )
                .run(on: connection)
                #expect(summary.delivered == queued / 2 && summary.held == queued / 2)
                #expect(summary.problems.count == 1 && summary.problems[0].contains("notify.smtp_url"))
                #expect(
                    try await connection.rows(
                        "SELECT channel, state, attempts::text, count(*)::text FROM alerts GROUP BY 1, 2, 3 ORDER BY 1"
                    )
                        == [
                            ["email", "pending", "0", String(queued / 2)],
                            ["webhook", "delivered", "1", String(queued / 2)],
                        ]
                )
                #expect(try NotifierTests.requests(out).count == queued / 2)
            }
        }
    }

    @Test(
        "a finding reviewed as false alarm after its alert was queued: the alert is cancelled, not sent; digests drop it"
    )
    func reviewedBeforeDelivery() async throws {
        try await NotifierTests.withReceiver(failFirst: 0) { port, out in
            let routes = AlertRoutes(routes: [
                AlertRoute(
                    name: "ops",
                    match: .init(minSeverity: "high"),
                    channel: .webhook,
                    url: "http://127.0.0.1:\(port)/hook"
                ),
                AlertRoute(
                    name: "digest",
                    match: .init(minSeverity: "high"),
                    channel: .webhook,
                    url: "http://127.0.0.1:\(port)/hook",
                    mode: .digest
                ),
            ])
            try await NotifierTests.withQueuedAlerts(routes: routes) { _, connection, queued in
                let reviewed = try #require(
                    try await connection.value(
                        "SELECT finding_ids[1]::text FROM alerts WHERE route = 'ops' ORDER BY id LIMIT 1"
                    )
                )
                _ = try await connection.rows(
                    "UPDATE findings SET review_status = 'false_alarm' WHERE id = \(reviewed)"
                )
                let summary = try await NotificationRunner(
                    routes: routes,
                    configuration: NotifierTests.configuration(baseDelaySeconds: 0),
                    logger: TestDatabase.logger
                )
                .run(on: connection)
                #expect(summary.cancelled == 1 && summary.delivered == queued - 1)
                let cancelled = try await connection.rows(
                    "SELECT idempotency_key, state FROM alerts WHERE state = 'cancelled'"
                )
                #expect(cancelled.count == 1)
                let requests = try NotifierTests.requests(out)
                #expect(!requests.contains { $0["idempotency_key"] as? String == cancelled.first?[0] })
                let digest = try #require(
                    requests.first { ($0["body"] as? String)?.contains("\"mode\":\"digest\"") == true }?["body"]
                        as? String
                )
                #expect(!digest.contains("\"id\":\(reviewed),"), "the digest leaves the reviewed finding out")
            }
        }
    }

    @Test(
        "SIGKILL of `finrca notify` mid-batch, then a rerun: every alert delivered once, only in-flight ones again with the same key"
    )
    func killMidBatch() async throws {
        let executable = try CrashRecoveryTests.finrcaExecutable()
        // The receiver answers 20 requests and holds the rest until released, so the kill lands mid-batch however
        // late this task is scheduled; the notifier's timeout is long enough that nothing is retried meanwhile.
        let release = try TemporaryFolder()
        let releaseFile = release.file("release")
        try await NotifierTests.withReceiver(failFirst: 0, hold: (after: 20, releaseFile: releaseFile)) { port, out in
            let routes = AlertRoutes(routes: [
                AlertRoute(
                    name: "everything",
                    channel: .webhook,
                    url: "http://127.0.0.1:\(port)/hook",
                    mode: .immediate
                )
            ])
            let folder = try TemporaryFolder()
            let routesFile = try folder.write(
                "routes.yaml",
                """
                routes:
                  - name: everything
                    channel: webhook
                    url: "http://127.0.0.1:\(port)/hook"
                    mode: immediate

                """
            )
            try await NotifierTests.withQueuedAlerts(routes: routes) { database, connection, queued in
                #expect(queued >= 60, "enough alerts for several batches")
                func notify() throws -> Process {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: executable)
                    process.arguments = ["notify"]
                    var environment = ProcessInfo.processInfo.environment
                    environment["FINRCA_DATABASE_URL"] = database.description
                    environment["FINRCA_NOTIFY_ROUTES_FILE"] = routesFile
                    environment["FINRCA_NOTIFY_WEBHOOK_SECRET"] = NotifierTests.secret
                    environment["FINRCA_NOTIFY_WEBHOOK_CONCURRENCY"] = "4"
                    environment["FINRCA_NOTIFY_TIMEOUT_SECONDS"] = "300"
                    environment["FINRCA_LOG_LEVEL"] = "error"
                    process.environment = environment
                    process.standardOutput = FileHandle.nullDevice
                    try process.run()
                    return process
                }
                let first = try notify()
                let deadline = ContinuousClock.now + .seconds(60)
                while try NotifierTests.requests(out).count < 20, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(10))
                }
                // The answered chunks are recorded before the next chunk is claimed; let the last record commit.
                try await Task.sleep(for: .milliseconds(300))
                kill(first.processIdentifier, SIGKILL)
                first.waitUntilExit()
                #expect(first.terminationReason == .uncaughtSignal)
                let inFlight = Set(
                    try await connection.rows("SELECT idempotency_key FROM alerts WHERE state = 'sending'")
                        .compactMap { $0[0] }
                )
                let deliveredBeforeKill =
                    Int(try await connection.value("SELECT count(*)::text FROM alerts WHERE state = 'delivered'") ?? "")
                    ?? -1
                #expect(
                    deliveredBeforeKill > 0 && deliveredBeforeKill < queued,
                    "killed mid-batch: \(deliveredBeforeKill) of \(queued) delivered"
                )
                #expect(
                    !inFlight.isEmpty && inFlight.count <= 8,
                    "at most the claimed chunk (2 × concurrency) is unrecorded"
                )

                #expect(FileManager.default.createFile(atPath: releaseFile, contents: nil))
                let second = try notify()
                try await second.waitForExit()
                #expect(second.terminationStatus == 0)
                #expect(
                    try await connection.rows("SELECT state, count(*)::text FROM alerts GROUP BY 1") == [
                        ["delivered", String(queued)]
                    ]
                )
                let keys = Set(try await connection.rows("SELECT idempotency_key FROM alerts").compactMap { $0[0] })
                var deliveries: [String: Int] = [:]
                for request in try NotifierTests.requests(out) {
                    #expect(request["signature_valid"] as? Bool == true)
                    deliveries[request["idempotency_key"] as? String ?? "", default: 0] += 1
                }
                #expect(Set(deliveries.keys) == keys, "every alert arrived, none with another key")
                let repeated = Set(deliveries.filter { $0.value > 1 }.keys)
                #expect(deliveries.values.allSatisfy { $0 <= 2 })
                #expect(repeated.isSubset(of: inFlight), "only alerts in flight at the kill arrived twice")
                #expect(
                    try await connection.value(
                        "SELECT count(*)::text FROM alerts WHERE attempts = 2"
                    ) == String(inFlight.count)
                )
            }
        }
    }
}
