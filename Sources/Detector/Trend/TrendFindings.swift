import Foundation
public import Shared

/// Turns flagged changes into findings with their contributors and evidence lines.
public enum TrendFindings {
    /// Findings for `changes` (month over month or year over year, as `kind` says).
    public static func drafts(
        _ changes: [SliceChange], kind: FindingKind, columns: LedgerColumns, index: PeriodIndex, wording: Wording
    ) -> [FindingDraft] {
        changes.map { change in
            let slice = change.dimension.map { DimensionValue($0, change.member) }
            let candidates: [LedgerDimension] = [.directorate, .costCenter, .glAccount, .supplier].filter {
                $0 != change.dimension
            }
            let contributors = ChangeContributors.of(
                slice: slice, period: change.period, base: change.base, candidates: candidates, columns: columns,
                index: index)
            var details: [String: String] = [
                "base_period": change.base.description,
                "relative_change": change.relativeChange.isFinite ? String(format: "%.4f", change.relativeChange) : "new",
                "significance": String(format: "%.2f", change.significance),
            ]
            if let contributors {
                details["top_up"] = contributors.up.map { "\($0.dimension.rawValue)=\($0.member) \(Money(minorUnits: $0.delta))" }.joined(separator: "; ")
                details["top_down"] = contributors.down.map { "\($0.dimension.rawValue)=\($0.member) \(Money(minorUnits: $0.delta))" }.joined(separator: "; ")
            }
            return FindingDraft(
                kind: kind, period: change.period, dimensions: slice.map { [$0] } ?? [],
                actual: Money(minorUnits: change.current), expected: Money(minorUnits: change.previous),
                score: change.significance,
                explanation: wording.changeSentence(change, slice: slice, contributors: contributors),
                evidence: contributors?.evidence ?? [], details: details)
        }
    }
}
