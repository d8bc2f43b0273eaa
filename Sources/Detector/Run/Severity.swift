public import Shared

/// How urgent a finding is, from the money at stake relative to materiality.
///
/// | money at stake (|delta|, or |actual| without an expected value) | severity |
/// |---|---|
/// | ≥ 100 × materiality | critical |
/// | ≥ 20 × | high |
/// | ≥ 5 × | medium |
/// | ≥ 1 × | low |
/// | below materiality | info |
///
/// A provisional finding (its period looks incomplete) is one level lower, never below info.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    /// The severity for `draft` at `materiality` (minor units, > 0).
    public static func of(_ draft: FindingDraft, materiality: Int64, provisional: Bool) -> Severity {
        let stake = (draft.delta ?? draft.actual ?? .zero).minorUnits.magnitude
        let unit = UInt64(max(materiality, 1))
        var level: Severity =
            stake >= 100 * unit ? .critical : stake >= 20 * unit ? .high : stake >= 5 * unit ? .medium : stake >= unit ? .low : .info
        if provisional, level != .info { level = Severity.allCases[Severity.allCases.firstIndex(of: level)! - 1] }
        return level
    }

    /// Orders from info to critical.
    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
