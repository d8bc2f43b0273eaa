public import Shared

/// What kind of thing a finding reports.
public enum FindingKind: String, Sendable, Codable, CaseIterable {
    /// A journal line far from its peers (z-score / robust modified z-score).
    case statisticalOutlier = "statistical_outlier"
    /// A journal line the Isolation Forest isolates unusually fast.
    case isolationForest = "isolation_forest"
    /// A slice's spend changed month over month beyond the threshold.
    case monthOverMonth = "mom_change"
    /// A slice's spend changed against the same period last year beyond the threshold.
    case yearOverYear = "yoy_change"
    /// The combination of dimension values that explains a change.
    case rootCause = "root_cause"
    /// The same payment made twice (same supplier and amount within a few days, or the same reference).
    case duplicatePayment = "duplicate_payment"
    /// A supplier's or cost centre's first digits do not conform to Benford's law (Nigrini's MAD levels).
    case benford
    /// An unusual share of round amounts.
    case roundAmounts = "round_amounts"
    /// Payments clustered just below an approval limit.
    case belowApprovalLimit = "below_approval_limit"
    /// Postings on weekends or public holidays.
    case weekendPosting = "weekend_posting"
    /// The latest period looks incomplete (far fewer rows or much less money than usual).
    case incompletePeriod = "incomplete_period"
}

/// One value of one dimension, e.g. cost centre = 31090.
public struct DimensionValue: Sendable, Hashable, Codable {
    /// The dimension.
    public var dimension: LedgerDimension
    /// Its value.
    public var value: String

    /// Creates a value.
    public init(_ dimension: LedgerDimension, _ value: String) {
        self.dimension = dimension
        self.value = value
    }
}

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

    /// Creates a draft.
    public init(
        kind: FindingKind, period: FiscalPeriod?, dimensions: [DimensionValue], actual: Money?, expected: Money?,
        score: Double, explanation: String, evidence: [EvidenceLine] = [], details: [String: String] = [:],
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
