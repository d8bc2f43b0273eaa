import Testing

@testable import Detector

/// A line's modified z-score within its scope, computed on demand from each group's statistics.
@Suite("Scope scorer")
struct ScopeScorerTests {
    /// Rows 0–3 in group 1, rows 4–5 in group 2 (below the minimum of 3: judged against all lines), row 6 in group 1.
    static let values: [Double] = [1.0, 1.2, 0.9, 1.1, 3.0, 2.5, 4.0]
    static let codes: [Int32] = [1, 1, 1, 1, 2, 2, 1]

    static func statistics(_ sample: [Double]) -> RobustStatistics {
        var sample = sample
        return RobustStatistics(sorting: &sample)
    }

    @Test("a line of a large enough group is scored against it; one of a small group against every line")
    func groupsAndFallback() {
        let scorer = ScopeScorer(Self.values, codes: Self.codes, yearEnd: [], minimumGroupSize: 3)
        let group = Self.statistics([1.0, 1.2, 0.9, 1.1, 4.0])
        let all = Self.statistics(Self.values)
        #expect(scorer.score(6) == group.modifiedZScore(4.0))
        #expect(scorer.score(0) == group.modifiedZScore(1.0))
        #expect(scorer.score(4) == all.modifiedZScore(3.0))
        // group 1 (0.9, 1.0, 1.1, 1.2, 4.0): median 1.1, MAD 0.1, so (4.0 − 1.1) · 0.6745 / 0.1
        #expect(abs(scorer.score(6) - 19.5605) < 1e-9)
        let ledger = ScopeScorer(Self.values, codes: nil, yearEnd: [], minimumGroupSize: 3)
        #expect(ledger.score(6) == all.modifiedZScore(4.0))
    }

    @Test("year-end lines are judged among year-end lines only, and not at all when there are too few")
    func yearEnd() {
        let yearEnd = [false, false, false, false, true, true, true]
        let scorer = ScopeScorer(Self.values, codes: Self.codes, yearEnd: yearEnd, minimumGroupSize: 3)
        let ordinary = Self.statistics([1.0, 1.2, 0.9, 1.1])
        let yearEndLines = Self.statistics([3.0, 2.5, 4.0])
        #expect(scorer.score(1) == ordinary.modifiedZScore(1.2))
        #expect(scorer.score(6) == yearEndLines.modifiedZScore(4.0))
        #expect(scorer.score(4) == yearEndLines.modifiedZScore(3.0))
        let tooFew = ScopeScorer(Self.values, codes: Self.codes, yearEnd: yearEnd, minimumGroupSize: 4)
        #expect(tooFew.score(6) == 0)
        #expect(tooFew.score(1) == ordinary.modifiedZScore(1.2))
    }
}
