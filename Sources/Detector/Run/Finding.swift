import Crypto
import Foundation
public import Shared

/// A finding ready to store: the draft plus severity, fingerprint and whether its period is provisional.
public struct Finding: Sendable {
    /// What the pass produced.
    public var draft: FindingDraft
    /// From the ranking's calibration (``SeverityCalibration``), or from money at stake and materiality alone.
    public var severity: Severity
    /// Hash of (kind, period, dimension path, subject): the same finding in a later run updates the stored one.
    public var fingerprint: String
    /// The period looked incomplete when this was computed.
    public var provisional: Bool
    /// The currency of its amounts.
    public var currency: String

    /// Shapes `draft` for storage. Its severity is `level` (one lower when provisional), or without a level the
    /// money at stake's (``Severity/of(_:materiality:provisional:)``).
    public init(
        draft: FindingDraft,
        level: Severity? = nil,
        materiality: Int64,
        provisional: Bool,
        currency: String = ""
    ) {
        self.draft = draft
        self.provisional = provisional
        self.currency = currency
        severity =
            level.map { provisional ? $0.lowered : $0 }
            ?? Severity.of(draft, materiality: materiality, provisional: provisional)
        fingerprint = Self.fingerprint(of: draft)
    }

    /// The finding of a ledger with several currencies: its fingerprint also holds the currency, so the same
    /// kind, period and path in two currencies are two findings.
    public func scopedToCurrency() -> Finding {
        var scoped = self
        scoped.fingerprint = Self.fingerprint(of: draft, currency: currency)
        return scoped
    }

    /// `directorate=Operations/cost_center=31090`.
    public static func path(_ dimensions: [DimensionValue]) -> String {
        dimensions.map { "\($0.dimension.rawValue)=\($0.value)" }.joined(separator: "/")
    }

    /// SHA-256 (hex, first 32 characters) of kind, period, dimension path and subject (and the currency, when
    /// given).
    public static func fingerprint(of draft: FindingDraft, currency: String? = nil) -> String {
        let parts = [draft.kind.rawValue, draft.period?.description ?? "", path(draft.dimensions), draft.subject ?? ""]
        let key = (parts + (currency.map { [$0] } ?? [])).joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(key.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// The evidence as JSON.
    var evidenceJSON: JSONValue {
        .array(
            draft.evidence.map {
                .object([("batch_id", .int($0.batchID)), ("line", .int($0.line)), ("amount", .decimal($0.amount))])
            }
        )
    }

    /// The dimensions as JSON.
    var dimensionsJSON: JSONValue {
        .array(
            draft.dimensions.map {
                .object([("dimension", .string($0.dimension.rawValue)), ("value", .string($0.value))])
            }
        )
    }

    /// The details as JSON, keys sorted.
    var detailsJSON: JSONValue {
        .object(draft.details.keys.sorted().map { ($0, .string(draft.details[$0]!)) })
    }
}

extension Finding {
    /// Whether `rule` suppresses this finding.
    func matches(_ rule: SuppressionRule) -> Bool {
        rule.matches(
            kind: draft.kind,
            dimensions: draft.dimensions,
            actual: draft.actual,
            lineAmounts: draft.evidence.map(\.amount),
            currency: currency
        )
    }
}
