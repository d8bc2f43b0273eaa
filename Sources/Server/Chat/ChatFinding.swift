/// A row of the `findings` table as the chat uses it.
///
/// For answers about specific findings when the HTTP layer reads them directly (open findings only, say)
/// instead of the run summary's `top_findings`.
public struct ChatFinding: Sendable, Hashable {
    /// `findings.fingerprint`.
    public var fingerprint: String
    /// `findings.kind`, such as `mom_change`.
    public var kind: String
    /// `findings.severity`: info, low, medium, high or critical.
    public var severity: String
    /// `findings.period` (`YYYY-PP`), if any.
    public var period: String?
    /// `findings.dimension_path`, such as `directorate=Adults/cost_center=31090`.
    public var dimensionPath: String
    /// `findings.delta` as PostgreSQL prints `numeric` (exact), if any.
    public var delta: String?
    /// `findings.explanation`.
    public var explanation: String

    /// Creates a finding.
    public init(
        fingerprint: String,
        kind: String,
        severity: String,
        period: String?,
        dimensionPath: String,
        delta: String?,
        explanation: String
    ) {
        self.fingerprint = fingerprint
        self.kind = kind
        self.severity = severity
        self.period = period
        self.dimensionPath = dimensionPath
        self.delta = delta
        self.explanation = explanation
    }
}
