/// What a person decided about a finding (`findings.review_status`). A later run keeps the decision.
public enum ReviewStatus: String, Sendable, Codable, CaseIterable {
    /// Not reviewed yet.
    case open
    /// A real problem, confirmed by a reviewer.
    case confirmed
    /// Known and expected (an annual licence, a planned grant…): never alerted again.
    case expected
    /// Not a problem: never alerted again.
    case falseAlarm = "false_alarm"

    /// The decisions that keep a finding out of alerts.
    public static let silencing: [ReviewStatus] = [.expected, .falseAlarm]

    /// The raw values, comma-separated, for messages such as "status must be one of …".
    public static let choices = allCases.map(\.rawValue).joined(separator: ", ")
}
