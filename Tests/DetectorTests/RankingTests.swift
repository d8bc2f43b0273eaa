import Foundation
import Shared
import Testing

@testable import Detector

/// One attention score ranks findings of every kind; severities come from its quantiles; caps keep the highest
/// and count the rest.
@Suite("Ranking: attention score, calibrated severities, caps")
struct RankingTests {
    @Test("mid-rank percentiles with one pseudo-value below and above: ties share one, one value is 2/3")
    func percentiles() {
        let expected: [Double] = [5, 2, 3.5, 3.5].map { $0 / 6 }
        #expect(Attention.percentiles([3, 1, 2, 2]) == expected)
        #expect(Attention.percentiles([7]) == [2.0 / 3])
        #expect(Attention.percentiles([]) == [])
    }

    @Test("attention = log10(1 + stake / materiality) · (1 + unusualness) / 2")
    func score() {
        #expect(Attention.score(stake: 9_900, unusualness: 1, materiality: 100) == 2)
        #expect(Attention.score(stake: 9_900, unusualness: 0.5, materiality: 100) == 1.5)
        #expect(Attention.score(stake: 99_900, unusualness: 0, materiality: 100) == 1.5)
        #expect(Attention.score(stake: 0, unusualness: 1, materiality: 100) == 0)
    }

    @Test("thresholds at the ⌈rate · months⌉-th highest score; money at stake caps the level")
    func calibration() {
        let calibration = SeverityCalibration(
            population: [0.5, 5, 4, 3, 2, 1],
            months: 4,
            rates: .init(critical: 0.25, high: 0.5, medium: 0.5)
        )
        #expect(calibration.critical == 5)  // 1st highest
        #expect(calibration.high == 3)  // 3rd highest
        #expect(calibration.medium == 1)  // 5th highest
        let large: UInt64 = 100 * 100
        #expect(calibration.severity(attention: 5, stake: large, materiality: 100) == .critical)
        #expect(calibration.severity(attention: 4, stake: large, materiality: 100) == .high)
        #expect(calibration.severity(attention: 1, stake: large, materiality: 100) == .medium)
        #expect(calibration.severity(attention: 0.5, stake: large, materiality: 100) == .low)
        // 20× materiality is at most high, below materiality info, however unusual.
        #expect(calibration.severity(attention: 5, stake: 20 * 100, materiality: 100) == .high)
        #expect(calibration.severity(attention: 5, stake: 99, materiality: 100) == .info)
        // More levels than candidates: the lowest candidate starts the level; no candidate, no level.
        let few = SeverityCalibration(population: [2, 1], months: 12, rates: .init())
        #expect(few.critical == 1 && few.high == 1 && few.medium == 1)
        #expect(SeverityCalibration(population: [], months: 12, rates: .init()).critical == .infinity)
    }

    static func draft(_ kind: FindingKind, attention: Double?, score: Double = 1, actual: Int64 = 1_000_000)
        -> FindingDraft
    {
        var draft = FindingDraft(
            kind: kind,
            period: FiscalPeriod(year: 2024, period: 1),
            dimensions: [],
            actual: Money(minorUnits: actual),
            expected: nil,
            score: score,
            explanation: "\(kind.rawValue) \(attention ?? score)"
        )
        draft.attention = attention
        return draft
    }

    @Test("caps per kind and per run keep the highest attention; the rest is counted by kind")
    func caps() {
        let drafts = [
            Self.draft(.duplicatePayment, attention: 5), Self.draft(.duplicatePayment, attention: 3),
            Self.draft(.duplicatePayment, attention: 4), Self.draft(.benford, attention: 6),
            Self.draft(.benford, attention: 1), Self.draft(.rootCause, attention: 2),
        ]
        let ranking = FindingRanking(
            drafts: drafts,
            undrafted: [
                UndraftedCandidate(kind: .statisticalOutlier, attention: 10, stake: 1_000_000),
                UndraftedCandidate(kind: .statisticalOutlier, attention: 0.1, stake: 50),
            ],
            materiality: 100,
            months: 2,
            rates: .init(),
            caps: .init(perKind: [.duplicatePayment: 2], otherKinds: 1, perRun: 3)
        )
        #expect(ranking.kept.map(\.attention) == [6, 5, 4])
        #expect(ranking.kept.map(\.kind) == [.benford, .duplicatePayment, .duplicatePayment])
        #expect(ranking.leftOut == [.duplicatePayment: 1, .rootCause: 1, .benford: 1, .statisticalOutlier: 2])
        // Population 10, 6, 5, 4, 3, 2, 1, 0.1 over 2 months: critical from the 1st (10), high from the 4th (4),
        // medium from the 12th, i.e. the lowest (0.1). Left out: the undrafted 10 (critical) is the one high or
        // critical; 3, 2 and 1 are medium; 0.1 is below materiality.
        #expect(
            ranking.calibration
                == SeverityCalibration(population: [10, 6, 5, 4, 3, 2, 1, 0.1], months: 2, rates: .init())
        )
        #expect(
            ranking.calibration.critical == 10 && ranking.calibration.high == 4 && ranking.calibration.medium == 0.1
        )
        #expect(ranking.leftOutHighOrCritical == 1)
    }

    @Test("drafts without a score get one from their score's percentile within their kind")
    func unscored() {
        let ranking = FindingRanking(
            drafts: [
                Self.draft(.weekendPosting, attention: nil, score: 1, actual: 9_900),
                Self.draft(.weekendPosting, attention: nil, score: 3, actual: 9_900),
                Self.draft(.roundAmounts, attention: nil, score: 0.2, actual: 9_900),
            ],
            materiality: 100,
            months: 12,
            rates: .init(),
            caps: .init()
        )
        // Weekend postings: unusualness 3/4 and 2/4 (attention 1.75 and 1.5); the one round amounts finding 2/3.
        #expect(
            ranking.kept.map(\.attention) == [
                1.75, Attention.score(stake: 9_900, unusualness: 2.0 / 3, materiality: 100), 1.5,
            ]
        )
        #expect(ranking.kept.map(\.score) == [3, 0.2, 1])
        #expect(ranking.leftOut.isEmpty)
    }

    @Test("a line-level pass drafts by its priority when given, else by attention; attention is kept for severity")
    func draftPriority() {
        // Row 0: GBP 10,000 at stake, score 4; row 1: GBP 500, score 9; materiality GBP 100.
        let candidates: [(row: Int, score: Double, stake: UInt64)] = [(0, 4, 1_000_000), (1, 9, 50_000)]
        let draft = { (row: Int, score: Double) in
            Self.draft(.statisticalOutlier, attention: nil, score: score, actual: Int64(row))
        }
        let byAttention = LineFindings.ranked(
            candidates,
            kind: .statisticalOutlier,
            materiality: 10_000,
            limit: 1,
            draft: draft
        )
        #expect(byAttention.drafts.map(\.score) == [4])
        #expect(byAttention.undrafted.map(\.stake) == [50_000])
        let byPriority = LineFindings.ranked(
            candidates,
            kind: .statisticalOutlier,
            materiality: 10_000,
            limit: 1,
            priority: [1, 2],
            draft: draft
        )
        #expect(byPriority.drafts.map(\.score) == [9])
        // log10(1 + 5) · (1 + 3/4) / 2: the score 9 is the higher of two candidates.
        let attention = Attention.score(stake: 50_000, unusualness: 0.75, materiality: 10_000)
        #expect(byPriority.drafts.first?.attention == attention)
        #expect(byPriority.undrafted.map(\.stake) == [1_000_000])
    }

    @Test("the outlier cap keeps the largest multiple of the usual amount; every flagged line stays in the document")
    func outlierCap() async throws {
        var configuration = DetectorConfiguration()
        configuration.passes = [.statistical]
        configuration.statisticalMaximumFindings = 1
        let analysis = await RunAnalysis.analyse(
            [ReversalTests.outlierLedger(daysLater: 40).inputs()],
            configuration: configuration,
            startedAt: Date(timeIntervalSince1970: 1_725_000_000)
        )
        let kept = try #require(analysis.findings.only)
        #expect(kept.draft.actual == Money(minorUnits: 3_000_000))
        #expect(analysis.leftOutByKind == ["statistical_outlier": 2])
        #expect(analysis.record.summary["left_out_by_kind"]?["statistical_outlier"]?.intValue == 2)
        let document = try #require(analysis.documents.first { $0.name == "anomalies_statistical" })
        #expect(document.content["flagged_lines"]?.intValue == 3)
        #expect(document.content["lines"]?.arrayValue?.count == 3)
    }
}
