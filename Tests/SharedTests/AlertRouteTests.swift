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
