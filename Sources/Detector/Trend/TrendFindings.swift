import Foundation
public import Shared

/// Turns flagged changes into findings with their contributors and evidence lines.
public enum TrendFindings {
    /// Findings for `changes` (month over month or year over year, as `kind` says).
    public static func drafts(
        _ changes: [SliceChange],
        kind: FindingKind,
        columns: LedgerColumns,
        index: PeriodIndex,
        wording: Wording
    ) -> [FindingDraft] {
        changes.map { change in
            let slice = change.dimension.map { DimensionValue($0, change.member) }
            let candidates = Self.finerDimensions(than: change.dimension)
            let contributors = ChangeContributors.of(
                slice: slice,
                period: change.period,
                base: change.base,
                candidates: candidates,
                columns: columns,
                index: index
            )
            var details: [String: String] = [
                "base_period": change.base.description,
                "relative_change": change.relativeChange.isFinite
                    ? String(format: "%.4f", change.relativeChange) : "new",
                "amount_significance": String(format: "%.2f", change.amountSignificance),
                "line_significance": String(format: "%.2f", change.lineSignificance),
                "previous_lines": "\(change.previousLines)",
                "current_lines": "\(change.currentLines)",
            ]
            if let contributors {
                details["top_up"] = contributors.up
                    .map { "\($0.dimension.rawValue)=\($0.member) \(Money(minorUnits: $0.delta))" }
                    .joined(separator: "; ")
                details["top_down"] = contributors.down
                    .map { "\($0.dimension.rawValue)=\($0.member) \(Money(minorUnits: $0.delta))" }
                    .joined(separator: "; ")
            }
            return FindingDraft(
                kind: kind,
                period: change.period,
                dimensions: slice.map { [$0] } ?? [],
                actual: Money(minorUnits: change.current),
                expected: Money(minorUnits: change.previous),
                score: change.significance,
                explanation: wording.changeSentence(change, slice: slice, contributors: contributors),
                evidence: contributors?.evidence ?? [],
                details: details
            )
        }
    }

    /// Dimensions that can explain a slice's change, respecting the hierarchy directorate → cost centre →
    /// GL account → supplier: only levels below the slice's own (a cost centre's directorate is fixed, so it
    /// cannot explain anything). GL accounts and functional areas cut across cost centres, so cost centres can
    /// explain them.
    static func finerDimensions(than dimension: LedgerDimension?) -> [LedgerDimension] {
        switch dimension {
        case nil: [.directorate, .costCenter, .glAccount, .supplier]
        case .directorate: [.costCenter, .glAccount, .supplier]
        case .costCenter: [.glAccount, .supplier]
        case .glAccount: [.costCenter, .supplier]
        case .functionalArea: [.costCenter, .glAccount, .supplier]
        case .supplier: [.costCenter, .glAccount]
        }
    }
}
