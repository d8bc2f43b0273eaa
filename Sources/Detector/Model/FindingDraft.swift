public import Shared

/// A journal line that supports a finding: where it came from and its signed amount.
public struct EvidenceLine: Sendable, Hashable, Codable {
    /// `ingest_batches.id` of the line's file.
    public var batchID: Int64
    /// Line in that file.
    public var line: Int64
    /// Signed amount (S = +, H = −).
    public var amount: Money

    /// Creates an evidence line.
    public init(batchID: Int64, line: Int64, amount: Money) {
        self.batchID = batchID
        self.line = line
        self.amount = amount
    }

    enum CodingKeys: String, CodingKey {
        case batchID = "batch_id"
        case line, amount
    }
}

/// A finding as a pass produces it, before severity, fingerprint and storage.
public struct FindingDraft: Sendable {
    /// What it reports.
    public var kind: FindingKind
    /// The period it concerns, if any.
    public var period: FiscalPeriod?
    /// Where in the organisation, most general first (directorate → cost centre → GL account → supplier).
    public var dimensions: [DimensionValue]
    /// The observed amount (e.g. the period's spend, the line's amount).
    public var actual: Money?
    /// What was expected (previous period, peer median, …).
    public var expected: Money?
    /// The pass's own strength measure (|z|, anomaly score, change ratio, …); higher is stronger.
    public var score: Double
    /// One sentence in currency terms that a controller can act on.
    public var explanation: String
    /// The journal lines that contribute most.
    public var evidence: [EvidenceLine]
    /// Extra facts for the API and the chat (contributors, test statistics, …), as text values.
    public var details: [String: String]
    /// What singles the finding out beyond kind, period and dimensions (e.g. `line 3:1044` for a line-level
    /// finding); part of the fingerprint.
    public var subject: String?
    /// The ``Attention`` score that ranks it among every finding of the run (nil until ranked).
    public var attention: Double?

    /// Creates a draft.
    public init(
        kind: FindingKind,
        period: FiscalPeriod?,
        dimensions: [DimensionValue],
        actual: Money?,
        expected: Money?,
        score: Double,
        explanation: String,
        evidence: [EvidenceLine] = [],
        details: [String: String] = [:],
        subject: String? = nil
    ) {
        self.subject = subject
        self.kind = kind
        self.period = period
        self.dimensions = dimensions
        self.actual = actual
        self.expected = expected
        self.score = score
        self.explanation = explanation
        self.evidence = evidence
        self.details = details
    }

    /// actual − expected, when both are known.
    public var delta: Money? {
        guard let actual, let expected else { return nil }
        return actual - expected
    }
}
