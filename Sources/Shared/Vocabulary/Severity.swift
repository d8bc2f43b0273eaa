/// How urgent a finding is. Stored and sent as its raw value (`findings.severity`, alert payloads, the API).
///
/// The order is info < low < medium < high < critical; the Detector decides a finding's level.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    /// From the most to the least urgent: critical, high, medium, low, info.
    public static let mostUrgentFirst: [Severity] = allCases.reversed()

    /// The raw values, comma-separated, for messages such as "severity must be one of …".
    public static let choices = allCases.map(\.rawValue).joined(separator: ", ")

    /// The level one step lower, never below info.
    public var lowered: Severity {
        Severity.allCases[max(0, rank - 1)]
    }

    /// 0 for info … 4 for critical.
    public var rank: Int {
        Severity.allCases.firstIndex(of: self) ?? 0
    }

    /// Orders from info to critical.
    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }
}
