import Foundation
import Testing

@testable import Shared

@Suite("Alert routes: parsing, validation, matching, idempotency keys")
struct AlertRouteTests {
    @Test("config/routes.example.yaml parses and is valid")
    func example() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../config/routes.example.yaml").path
        let routes = try AlertRoutes.load(path: path)
        #expect(routes.routes.map(\.name) == ["finance-controllers", "audit-team", "ops-channel"])
        #expect(routes.routes.map(\.mode) == [.immediate, .digest, .immediate])
        #expect(routes.routes[0].match.dimensions?["directorate"] == ["Directorate of Finance"])
    }

    @Test("invalid routes name the route and the problem")
    func invalid() {
        let cases: [(String, String)] = [
            ("routes:\n  - {name: a, channel: email, mode: immediate}\n", "needs `to:`"),
            ("routes:\n  - {name: a, channel: webhook, url: 'ftp://x', mode: digest}\n", "http(s) `url:`"),
            (
                "routes:\n  - {name: a, channel: email, to: [x@y], mode: immediate, match: {min_severity: huge}}\n",
                "min_severity"
            ),
            (
                "routes:\n  - {name: a, channel: email, to: [x@y], mode: immediate}\n  - {name: a, channel: email, to: [x@y], mode: digest}\n",
                "used twice"
            ),
            ("routes:\n  - {name: a, channel: email, to: [x@y], mode: sometimes}\n", "not a valid routes file"),
        ]
        for (yaml, fragment) in cases {
            #expect(throws: ConfigurationError.self, "\(fragment)") {
                do {
                    _ = try AlertRoutes.parse(yaml: yaml, source: "routes.yaml")
                } catch let error as ConfigurationError {
                    #expect(error.description.contains(fragment), "\(error)")
                    throw error
                }
            }
        }
    }

    @Test("matching on severity, kind, dimensions and amount")
    func matching() {
        let route = AlertRoute(
            name: "r",
            match: .init(
                minSeverity: "high",
                kinds: ["mom_change"],
                dimensions: ["directorate": ["Finance"]],
                minAmount: "1000.00"
            ),
            channel: .email,
            to: ["a@b"]
        )
        let finance = ["directorate": "Finance", "cost_center": "31090"]
        let big = Money(minorUnits: -150_000)
        #expect(route.matches(kind: .monthOverMonth, severity: .critical, dimensions: finance, stake: big))
        #expect(!route.matches(kind: .monthOverMonth, severity: .medium, dimensions: finance, stake: big))
        #expect(!route.matches(kind: .yearOverYear, severity: .high, dimensions: finance, stake: big))
        #expect(
            !route.matches(
                kind: .monthOverMonth,
                severity: .high,
                dimensions: ["directorate": "Operations"],
                stake: big
            )
        )
        #expect(!route.matches(kind: .monthOverMonth, severity: .high, dimensions: [:], stake: big))
        #expect(
            !route.matches(
                kind: .monthOverMonth,
                severity: .high,
                dimensions: finance,
                stake: Money(minorUnits: 99_999)
            )
        )
        #expect(
            AlertRoute(name: "all", channel: .webhook, url: "http://x")
                .matches(kind: .benford, severity: .info, dimensions: [:], stake: .zero)
        )
    }

    @Test("idempotency keys are stable, per route, and per finding or per run")
    func keys() {
        let immediate = AlertRoute(name: "r", channel: .email, to: ["a@b"], mode: .immediate)
        let digest = AlertRoute(name: "r", channel: .email, to: ["a@b"], mode: .digest)
        let key = immediate.idempotencyKey(fingerprint: "abc")
        #expect(key == immediate.idempotencyKey(fingerprint: "abc"))
        #expect(key.hasPrefix("finrca-") && key.count == 39)
        #expect(key != immediate.idempotencyKey(fingerprint: "abd"))
        #expect(key != AlertRoute(name: "s", channel: .email, to: ["a@b"]).idempotencyKey(fingerprint: "abc"))
        #expect(digest.idempotencyKey(runID: 7) == digest.idempotencyKey(runID: 7))
        #expect(digest.idempotencyKey(runID: 7) != digest.idempotencyKey(runID: 8))
    }
}

@Suite("Alert routes: webhook keys and URLs")
struct AlertRouteSecretTests {
    @Test("each route's own key variable; URLs shown without path or query")
    func namesAndRedaction() {
        let route = AlertRoute(name: "ops-channel.eu", channel: .webhook, url: "https://hooks.slack.com/services/T/B/x")
        #expect(route.secretEnvironmentName == "FINRCA_NOTIFY_WEBHOOK_SECRET_OPS_CHANNEL_EU")
        #expect(AlertRoute.redacted(url: "https://hooks.slack.com/services/T/B/x") == "https://hooks.slack.com/…")
        #expect(AlertRoute.redacted(url: "http://10.0.0.5:8443/hook?token=abc") == "http://10.0.0.5:8443/…")
        #expect(AlertRoute.redacted(url: "https://example.org") == "https://example.org")
        #expect(AlertRoute.redacted(url: "not a url") == "(webhook URL)")
    }

    @Test("a route's key comes from its variable, at least 32 bytes; the shared key is the fallback")
    func keysFromEnvironment() throws {
        let folder = try TemporaryRoutesFile(
            """
            routes:
              - name: ops
                channel: webhook
                url: http://127.0.0.1/hook
              - name: audit
                channel: webhook
                url: http://127.0.0.1/audit
            """
        )
        let environment = [
            "FINRCA_NOTIFY_ROUTES_FILE": folder.path, "FINRCA_NOTIFY_WEBHOOK_SECRET": String(repeating: "s", count: 32),
            "FINRCA_NOTIFY_WEBHOOK_SECRET_OPS": String(repeating: "o", count: 32),
        ]
        let configuration = try FinrcaConfiguration.load(file: nil, environment: environment).notify
        #expect(configuration.webhookSecret(for: "ops") == String(repeating: "o", count: 32))
        #expect(configuration.webhookSecret(for: "audit") == String(repeating: "s", count: 32))
        var short = environment
        short["FINRCA_NOTIFY_WEBHOOK_SECRET_OPS"] = "too short"
        #expect(throws: ConfigurationError.self) { try FinrcaConfiguration.load(file: nil, environment: short) }
    }
}

/// A routes file in the temporary directory, removed when the value goes.
final class TemporaryRoutesFile {
    let path: String

    init(_ text: String) throws {
        path = NSTemporaryDirectory() + "routes-\(UInt32.random(in: 0...UInt32.max)).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
