public import Shared

extension Severity {
    /// The severity of `draft` from the money at stake relative to materiality (minor units, > 0).
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
    public static func of(_ draft: FindingDraft, materiality: Int64, provisional: Bool) -> Severity {
        let level = of(stake: Attention.stake(draft), materiality: materiality)
        return provisional ? level.lowered : level
    }

    /// The level of `stake` minor units at stake, by the table of ``of(_:materiality:provisional:)``.
    public static func of(stake: UInt64, materiality: Int64) -> Severity {
        let unit = UInt64(max(materiality, 1))
        return stake >= 100 * unit
            ? .critical : stake >= 20 * unit ? .high : stake >= 5 * unit ? .medium : stake >= unit ? .low : .info
    }
}
