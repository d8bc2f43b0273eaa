import Crypto
public import Foundation
public import Shared

/// The bytes and headers of one webhook delivery, built without I/O.
///
/// Body (`format: json`): `{"idempotency_key", "route", "mode", "alert_id", "findings": [{id, kind, severity,
/// period, dimension_path, actual, expected, delta, currency, explanation, evidence, link}]}` with amounts as
/// exact decimal numbers. `format: slack` sends `{"text": "…"}`, which Slack and Teams incoming webhooks accept.
///
/// Headers: `Idempotency-Key`, `X-Finrca-Timestamp` (Unix seconds) and `X-Finrca-Signature:
/// v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. A receiver recomputes the HMAC, compares in constant
/// time, and rejects timestamps more than five minutes old, so a captured request cannot be replayed.
public struct WebhookPayload: Sendable {
    /// The request body.
    public var body: Data
    /// The request headers (besides Content-Type).
    public var headers: [(String, String)]

    /// Builds the payload of `alert` for a route with `format`, signed with `secret` at `timestamp`.
    public init(alert: ClaimedAlert, format: String, secret: [UInt8], timestamp: Int, apiBaseURL: String) {
        let text: String
        if format == "slack" {
            text = JSONValue.object([("text", .string(Self.slackText(alert)))]).text
        } else {
            text =
                JSONValue.object([
                    ("idempotency_key", .string(alert.idempotencyKey)),
                    ("route", .string(alert.route)),
                    ("mode", .string(alert.mode.rawValue)),
                    ("alert_id", .int(alert.id)),
                    (
                        "findings",
                        .array(
                            alert.findings.map { finding in
                                .object([
                                    ("id", .int(finding.id)),
                                    ("kind", .string(finding.kind.rawValue)),
                                    ("severity", .string(finding.severity.rawValue)),
                                    ("period", finding.period.map { .string($0) } ?? .null),
                                    ("dimension_path", .string(finding.dimensionPath)),
                                    ("actual", finding.actual.map { .decimalText($0) } ?? .null),
                                    ("expected", finding.expected.map { .decimalText($0) } ?? .null),
                                    ("delta", finding.delta.map { .decimalText($0) } ?? .null),
                                    ("currency", .string(finding.currency)),
                                    ("explanation", .string(finding.explanation)),
                                    ("evidence", .decimalText(finding.evidence)),
                                    ("link", .string("\(apiBaseURL)/findings/\(finding.id)")),
                                ])
                            }
                        )
                    ),
                ])
                .text
        }
        body = Data(text.utf8)
        headers = [
            ("Idempotency-Key", alert.idempotencyKey),
            ("X-Finrca-Timestamp", String(timestamp)),
            ("X-Finrca-Signature", "v1=" + Self.signature(secret: secret, timestamp: timestamp, body: body)),
        ]
    }

    /// Hex HMAC-SHA256 of `"<timestamp>.<body>"` under `secret`.
    public static func signature(secret: [UInt8], timestamp: Int, body: Data) -> String {
        var message = Data("\(timestamp).".utf8)
        message.append(body)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret))
        return code.map { String(format: "%02x", $0) }.joined()
    }

    static func slackText(_ alert: ClaimedAlert) -> String {
        alert.findings
            .map {
                "*[\($0.severity.rawValue)] \($0.kind.rawValue)\($0.period.map { " \($0)" } ?? "")*: \($0.explanation)"
            }
            .joined(separator: "\n")
    }
}
