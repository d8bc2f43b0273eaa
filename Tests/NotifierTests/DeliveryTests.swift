import Foundation
import Notifier
import Shared
import Testing

@Suite("Delivery decisions, pacing, signatures and the alert email, without I/O")
struct DeliveryTests {
    @Test("backoff: full jitter under base·2^(n−1) capped; dead after max attempts or a permanent refusal")
    func policy() {
        let policy = DeliveryPolicy(maximumAttempts: 4, baseDelay: .seconds(30), maximumDelay: .seconds(100))
        #expect(policy.decide(attempt: 1, succeeded: true, unit: 0.5) == .delivered)
        #expect(policy.decide(attempt: 1, succeeded: false, unit: 0.5) == .retry(after: .seconds(15)))
        #expect(policy.decide(attempt: 2, succeeded: false, unit: 0.5) == .retry(after: .seconds(30)))
        #expect(policy.decide(attempt: 3, succeeded: false, unit: 0.999) == .retry(after: .milliseconds(99_900)))
        #expect(policy.decide(attempt: 3, succeeded: false, unit: 0) == .retry(after: .zero))
        #expect(policy.decide(attempt: 4, succeeded: false, unit: 0.5) == .dead)
        #expect(policy.decide(attempt: 1, succeeded: false, retryable: false, unit: 0.5) == .dead)
    }

    @Test("rate schedule: starts are 60 s / limit apart, never earlier than now; 0 means no limit")
    func rateSchedule() {
        let origin = ContinuousClock.now
        var schedule = RateSchedule(perMinute: 120)
        #expect(schedule.interval == .milliseconds(500))
        #expect(schedule.reserve(now: origin) == origin)
        #expect(schedule.reserve(now: origin) == origin + .milliseconds(500))
        #expect(schedule.reserve(now: origin + .milliseconds(100)) == origin + .seconds(1))
        #expect(schedule.reserve(now: origin + .seconds(5)) == origin + .seconds(5))
        var unlimited = RateSchedule(perMinute: 0)
        #expect(unlimited.reserve(now: origin) == origin && unlimited.reserve(now: origin) == origin)
    }

    @Test("webhook failures: no answer and most statuses are retried; 400, 410, 413 and 422 are not")
    func webhookTransience() {
        #expect(WebhookSender.Failure(status: nil, description: "").isTransient)
        for status in [404, 408, 429, 500, 503] {
            #expect(WebhookSender.Failure(status: status, description: "").isTransient)
        }
        for status in [400, 410, 413, 422] {
            #expect(!WebhookSender.Failure(status: status, description: "").isTransient)
        }
    }

    @Test("signature: hex HMAC-SHA256 of \"<timestamp>.<body>\" (checked against Python's hmac)")
    func signature() {
        let signature = WebhookPayload.signature(
            secret: Array(repeating: UInt8(ascii: "k"), count: 32),
            timestamp: 1_700_000_000,
            body: Data(#"{"a":1}"#.utf8)
        )
        #expect(signature == "6935b796c0fec66e5dee52c86c7fd1218a424c32f1adb239ff2893c31e54f033")
    }

    static let finding = AlertFinding(
        id: 42,
        kind: .monthOverMonth,
        severity: .high,
        period: "2024-05",
        dimensionPath: "directorate=Finance & <Ops>",
        actual: "1534567.89",
        expected: "1200000.00",
        delta: "334567.89",
        currency: "GBP",
        explanation: "Spend rose by GBP 334.6k (+27.9 %) against 2024-04.",
        evidence: "[]",
        evidenceLines: (1...7)
            .map { AlertEvidenceLine(batchID: 3, fileName: "gl-2024-05.csv", line: Int64($0 + 1), amount: "1000.50") }
    )

    @Test("alert email: subject, Message-ID from the key, amounts grouped, evidence capped at 5, HTML escaped")
    func alertEmail() throws {
        let alert = ClaimedAlert(
            id: 7,
            idempotencyKey: "finrca-0123abcd",
            route: "controllers",
            mode: .immediate,
            attempt: 1,
            findings: [Self.finding]
        )
        let message = try AlertEmail.message(
            for: alert,
            to: ["controller@example.org"],
            from: "finrca@example.org",
            apiBaseURL: "https://finrca.example.org",
            date: Date(timeIntervalSince1970: 0)
        )
        #expect(message.subject == "[finrca] HIGH mom_change 2024-05: directorate=Finance & <Ops> (+GBP 334.6k)")
        #expect(message.messageID == "finrca-0123abcd@example.org")
        #expect(
            message.textBody == """
                finrca reports 1 finding for route controllers.

                [HIGH] mom_change · 2024-05 · directorate=Finance & <Ops>
                  Actual 1,534,567.89 · expected 1,200,000.00 · change +334,567.89 GBP
                  Spend rose by GBP 334.6k (+27.9 %) against 2024-04.
                  Evidence: gl-2024-05.csv line 2: 1,000.50
                  Evidence: gl-2024-05.csv line 3: 1,000.50
                  Evidence: gl-2024-05.csv line 4: 1,000.50
                  Evidence: gl-2024-05.csv line 5: 1,000.50
                  Evidence: gl-2024-05.csv line 6: 1,000.50
                  … and 2 more lines
                  Details: https://finrca.example.org/findings/42

                -- 
                Sent by finrca. Alert finrca-0123abcd; a resend carries the same key and Message-ID.

                """
        )
        let html = try #require(message.htmlBody)
        #expect(html.contains("directorate=Finance &amp; &lt;Ops&gt;"))
        #expect(!html.contains("<Ops>"))
        #expect(html.contains(">1,534,567.89</td>") && html.contains(">+334,567.89</td>"))
        #expect(html.contains("<a href=\"https://finrca.example.org/findings/42\">Details</a>"))
    }

    @Test("digest subject counts the findings at the highest severity")
    func digestSubject() throws {
        var low = Self.finding
        low.severity = .medium
        let alert = ClaimedAlert(
            id: 8,
            idempotencyKey: "finrca-ff",
            route: "audit",
            mode: .digest,
            attempt: 1,
            findings: [low, Self.finding, Self.finding]
        )
        let message = try AlertEmail.message(
            for: alert,
            to: ["audit@example.org"],
            from: "finrca@example.org",
            apiBaseURL: "http://x"
        )
        #expect(message.subject == "[finrca] 3 findings, 2 high — route audit")
    }
}
