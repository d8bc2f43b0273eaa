public import Shared

/// An alert a notifier has claimed for one attempt, with the findings it reports.
public struct ClaimedAlert: Sendable {
    /// `alerts.id`.
    public var id: Int64
    /// The stable key receivers use to recognise a redelivery.
    public var idempotencyKey: String
    /// The route's name.
    public var route: String
    /// Immediate or digest.
    public var mode: AlertRoute.Mode
    /// This attempt's number (1 = first).
    public var attempt: Int
    /// The findings, in id order.
    public var findings: [AlertFinding]
}

/// The part of a finding an alert carries.
public struct AlertFinding: Sendable, Codable, Equatable {
    /// `findings.id`.
    public var id: Int64
    /// Kind, e.g. `mom_change`.
    public var kind: String
    /// info … critical.
    public var severity: String
    /// `YYYY-PP`, if any.
    public var period: String?
    /// `directorate=…/cost_center=…`.
    public var dimensionPath: String
    /// Exact decimal texts.
    public var actual: String?
    /// Exact decimal texts.
    public var expected: String?
    /// Exact decimal texts.
    public var delta: String?
    /// Currency code.
    public var currency: String
    /// The sentence.
    public var explanation: String
    /// `[{"batch_id":…,"line":…,"amount":…}]` as stored.
    public var evidence: String

    enum CodingKeys: String, CodingKey {
        case id, kind, severity, period, actual, expected, delta, currency, explanation, evidence
        case dimensionPath = "dimension_path"
    }
}
