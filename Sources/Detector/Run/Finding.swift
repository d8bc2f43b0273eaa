import Crypto
import Foundation
public import Shared

/// A finding ready to store: the draft plus severity, fingerprint and whether its period is provisional.
public struct Finding: Sendable {
    /// What the pass produced.
    public var draft: FindingDraft
    /// From money at stake and materiality.
    public var severity: Severity
    /// Hash of (kind, period, dimension path, subject): the same finding in a later run updates the stored one.
    public var fingerprint: String
    /// The period looked incomplete when this was computed.
    public var provisional: Bool

    /// Shapes `draft` for storage.
    public init(draft: FindingDraft, materiality: Int64, provisional: Bool) {
        self.draft = draft
        self.provisional = provisional
        severity = Severity.of(draft, materiality: materiality, provisional: provisional)
        fingerprint = Self.fingerprint(of: draft)
    }

    /// `directorate=Operations/cost_center=31090`.
    public static func path(_ dimensions: [DimensionValue]) -> String {
        dimensions.map { "\($0.dimension.rawValue)=\($0.value)" }.joined(separator: "/")
    }

    /// SHA-256 (hex, first 32 characters) of kind, period, dimension path and subject.
    public static func fingerprint(of draft: FindingDraft) -> String {
        let key = [draft.kind.rawValue, draft.period?.description ?? "", path(draft.dimensions), draft.subject ?? ""]
            .joined(separator: "\u{1F}")
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
