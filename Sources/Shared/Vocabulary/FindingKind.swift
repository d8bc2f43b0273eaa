/// What kind of thing a finding reports (`findings.kind`, alert routes, the API's `kind` filter).
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
    /// A population's first digits do not conform to Benford's law (Nigrini's MAD levels).
    case benford
    /// An unusual share of round amounts.
    case roundAmounts = "round_amounts"
    /// Payments clustered just below an approval limit.
    case belowApprovalLimit = "below_approval_limit"
    /// Postings on weekends or public holidays.
    case weekendPosting = "weekend_posting"
    /// The latest period looks incomplete (far fewer rows or much less money than usual).
    case incompletePeriod = "incomplete_period"

    /// The raw values, comma-separated, for messages such as "kind must be one of …".
    public static let choices = allCases.map(\.rawValue).joined(separator: ", ")
}
