import Testing

@testable import Detector
@testable import Shared

@Suite("Robust statistics and the variance bridge: exact values on small fixtures")
struct StatisticsTests {
    @Test("mean, sd, median, unscaled MAD, MeanAD and both z-scores")
    func robustStatistics() {
        var values: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]
        let statistics = RobustStatistics(sorting: &values)
        #expect(statistics.mean == 5)
        #expect(statistics.standardDeviation == 2)
        #expect(statistics.median == 4.5)
        // |x - 4.5| = 2.5 0.5 0.5 0.5 0.5 0.5 2.5 4.5 → sorted median = 0.5
        #expect(statistics.mad == 0.5)
        #expect(statistics.meanAbsoluteDeviation == 12.0 / 8.0)
        #expect(statistics.zScore(9) == 2)
        #expect(abs(statistics.modifiedZScore(9) - 0.6745 * 4.5 / 0.5) < 1e-12)
    }

    @Test("MAD = 0 falls back to 1.253314 · MeanAD; all equal gives 0")
    func madFallback() {
        var values: [Double] = [10, 10, 10, 10, 50]
        let statistics = RobustStatistics(sorting: &values)
        #expect(statistics.mad == 0)
        #expect(statistics.meanAbsoluteDeviation == 8)
        #expect(abs(statistics.modifiedZScore(50) - 40 / (1.253314 * 8)) < 1e-12)
        var equal: [Double] = [3, 3, 3]
        #expect(RobustStatistics(sorting: &equal).modifiedZScore(3) == 0)
    }

    @Test("the bridge's contributions sum exactly to the change")
    func bridge() {
        let bridge = VarianceBridge(
            dimension: .costCenter,
            from: FiscalPeriod(year: 2024, period: 6),
            to: FiscalPeriod(year: 2024, period: 7),
            start: ["A": 1_000_01, "B": 500_00, "C": 333_33],
            end: ["A": 1_600_02, "B": 250_00, "D": 77_77]
        )
        #expect(bridge.start.minorUnits == 1_833_34)
        #expect(bridge.end.minorUnits == 1_927_79)
        #expect(bridge.steps.map(\.member) == ["A", "C", "B", "D"])
        #expect(bridge.steps.map(\.contribution.minorUnits) == [600_01, -333_33, -250_00, 77_77])
        #expect(bridge.steps.reduce(Money.zero) { $0 + $1.contribution } == bridge.change)
    }

    @Test("month-over-month: threshold on |previous|, materiality, significance")
    func trend() {
        var totals: [LedgerReader.SliceTotal] = []
        let monthly: [Int64] = [100, 104, 98, 101, 99, 102, 180, 100, 97, 103, 100, 101].map { $0 * 1_000_00 }
        for (index, amount) in monthly.enumerated() {
            totals.append(
                .init(
                    dimension: .costCenter,
                    member: "31090",
                    period: FiscalPeriod(year: 2024, period: index + 1),
                    amount: amount,
                    lines: 10
                )
            )
            totals.append(
                .init(
                    dimension: .costCenter,
                    member: "negative",
                    period: FiscalPeriod(year: 2024, period: index + 1),
                    amount: -amount,
                    lines: 10
                )
            )
            // Spend that swings by ±50 % every month is not news; twice the usual number of lines in period 9 is.
            let swinging: Int64 = (index % 2 == 0 ? 100 : 150) * 1_000_00
            totals.append(
                .init(
                    dimension: .costCenter,
                    member: "swinging",
                    period: FiscalPeriod(year: 2024, period: index + 1),
                    amount: index == 8 ? 300 * 1_000_00 : swinging,
                    lines: index == 8 ? 20 : 10
                )
            )
        }
        let pass = TrendPass(configuration: .init(threshold: 0.30, minimumSignificance: 3, materiality: 10_000_00))
        let (monthOverMonth, _) = pass.run(totals)
        let spikes = monthOverMonth.filter { $0.member == "31090" }
        // The rise in period 7 is reported; the fall back in period 8 is its echo and is not.
        #expect(spikes.map(\.period) == [FiscalPeriod(year: 2024, period: 7)])
        #expect(spikes.map(\.delta) == [78_000_00])
        #expect(abs(spikes[0].relativeChange - 78.0 / 102.0) < 1e-12)
        // A credit slice moving the same way is judged on |previous|, so its sign cannot hide the change.
        #expect(monthOverMonth.filter { $0.member == "negative" }.map(\.delta) == [-78_000_00])
        let swinging = monthOverMonth.filter { $0.member == "swinging" }
        #expect(swinging.map(\.period) == [FiscalPeriod(year: 2024, period: 9)])
        #expect(swinging.allSatisfy { $0.lineSignificance > $0.amountSignificance })
        let strict = TrendPass(configuration: .init(threshold: 0.30, minimumSignificance: 3, materiality: 250_000_00))
            .run(totals)
        #expect(strict.monthOverMonth.isEmpty)
    }

    @Test("severity from money at stake; provisional lowers it one level")
    func severity() {
        let draft = FindingDraft(
            kind: .monthOverMonth,
            period: nil,
            dimensions: [],
            actual: Money(minorUnits: 2_500),
            expected: Money(minorUnits: 500),
            score: 4,
            explanation: ""
        )
        #expect(Severity.of(draft, materiality: 100, provisional: false) == .high)
        #expect(Severity.of(draft, materiality: 100, provisional: true) == .medium)
        #expect(Severity.of(draft, materiality: 10, provisional: false) == .critical)
        #expect(Severity.of(draft, materiality: 5_000, provisional: false) == .info)
    }

    @Test("completeness: a latest period far below its usual lines or money is incomplete")
    func completeness() {
        var totals: [FiscalPeriod: (amount: Int64, lines: Int)] = [:]
        for period in 1...12 {
            totals[FiscalPeriod(year: 2024, period: period)] = (
                amount: 1_000_000 + Int64(period) * 1_000, lines: 100 + period
            )
        }
        let gate = CompletenessGate(minimumShare: 0.5)
        totals[FiscalPeriod(year: 2025, period: 1)] = (amount: 990_000, lines: 40)
        let partial = gate.judge(latest: FiscalPeriod(year: 2025, period: 1), totals: totals)
        #expect(partial?.incomplete == true)
        #expect(partial?.usualLines == 106)  // median of 101…112 (lower middle)
        #expect(partial?.usualAmount == 1_006_000)
        totals[FiscalPeriod(year: 2025, period: 1)] = (amount: 400_000, lines: 120)
        #expect(gate.judge(latest: FiscalPeriod(year: 2025, period: 1), totals: totals)?.incomplete == true)
        totals[FiscalPeriod(year: 2025, period: 1)] = (amount: 900_000, lines: 90)
        #expect(gate.judge(latest: FiscalPeriod(year: 2025, period: 1), totals: totals)?.incomplete == false)
        #expect(gate.judge(latest: FiscalPeriod(year: 2024, period: 2), totals: totals) == nil)  // no history yet
    }

    @Test("compact money wording")
    func wording() {
        #expect(Money(minorUnits: 310_000_000_000).compact(currency: "IDR") == "IDR 3.1bn")
        #expect(Money(minorUnits: 116_000_000_000).compact(currency: "IDR") == "IDR 1.2bn")
        #expect(Money(minorUnits: -45_020_000_00).compact(currency: "GBP") == "-GBP 45m")
        #expect(Money(minorUnits: 95_040).compact(currency: "GBP") == "GBP 950")
        #expect(Money(minorUnits: 123_456_789).grouped == "1,234,567.89")
    }
}
