import Shared

/// The deterministic order of audit findings.
enum AuditFindingOrder {
    /// Whether `left` comes before `right`: by kind (in ``FindingKind`` declaration order), then |delta|
    /// descending (no delta counts as 0), then score descending, then dimension values, then period (none
    /// first), then the first evidence line.
    static func precedes(_ left: FindingDraft, _ right: FindingDraft) -> Bool {
        let (leftKind, rightKind) = (kindRank[left.kind]!, kindRank[right.kind]!)
        if leftKind != rightKind { return leftKind < rightKind }
        let (leftDelta, rightDelta) = (magnitude(left.delta), magnitude(right.delta))
        if leftDelta != rightDelta { return leftDelta > rightDelta }
        if left.score != right.score { return left.score > right.score }
        let (leftValues, rightValues) = (dimensionText(left), dimensionText(right))
        if leftValues != rightValues { return leftValues.lexicographicallyPrecedes(rightValues) }
        let (leftPeriod, rightPeriod) = (periodKey(left.period), periodKey(right.period))
        if leftPeriod != rightPeriod { return leftPeriod.lexicographicallyPrecedes(rightPeriod) }
        return firstLineKey(left).lexicographicallyPrecedes(firstLineKey(right))
    }

    private static let kindRank = Dictionary(uniqueKeysWithValues: FindingKind.allCases.enumerated().map { ($1, $0) })

    private static func magnitude(_ money: Money?) -> UInt64 {
        money?.minorUnits.magnitude ?? 0
    }

    private static func dimensionText(_ finding: FindingDraft) -> [String] {
        finding.dimensions.flatMap { [$0.dimension.rawValue, $0.value] }
    }

    private static func periodKey(_ period: FiscalPeriod?) -> [Int] {
        period.map { [$0.year, $0.period] } ?? []
    }

    private static func firstLineKey(_ finding: FindingDraft) -> [Int64] {
        finding.evidence.first.map { [$0.batchID, $0.line] } ?? []
    }
}
