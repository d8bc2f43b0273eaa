import Foundation
import Shared
import Testing

@testable import Detector

/// Year-end periods are judged against other year-ends, not against ordinary months.
@Suite("Year-end: periods 13-16 judged against other year-ends")
struct YearEndTests {
    /// 2024-01 to 2024-06: 50 lines of GBP 90.00–110.99 a month of suppliers S0–S6; period 13 of 2020–2024: 8
    /// year-end adjustments of GBP 45,000–54,990 each, of the same suppliers; and one more in 2024-13 of
    /// GBP 5,000,000.00 to S0. Returns the amounts of S0's year-end lines.
    static func ledger() -> (ledger: InMemoryLedger, yearEndAmounts: [Int64]) {
        var ledger = InMemoryLedger()
        for period in Int8(1)...6 {
            for index in 0..<50 {
                ledger.add(
                    9_000 + Int64((index * 37 + Int(period) * 11) % 2_100),
                    period: period,
                    supplier: "S\(index % 7)"
                )
            }
        }
        var yearEnd: [Int64] = []
        for year in Int16(2020)...2024 {
            for index in 0..<8 {
                let amount = 4_500_000 + Int64((index * 137_777 + Int(year) * 31) % 1_000_000)
                ledger.add(amount, year: year, period: 13, supplier: "S\(index % 7)")
                if index % 7 == 0 { yearEnd.append(amount) }
            }
        }
        ledger.add(500_000_000, year: 2024, period: 13, supplier: "S0")
        yearEnd.append(500_000_000)
        return (ledger, yearEnd)
    }

    @Test("year-end adjustments 500× an ordinary line are normal; the one 100× the other year-ends is an outlier")
    func statistical() async throws {
        let (ledger, yearEndAmounts) = Self.ledger()
        var configuration = DetectorConfiguration()
        configuration.passes = [.statistical]
        let startedAt = Date(timeIntervalSince1970: 1_725_000_000)
        let analysis = await DetectorAnalysis.analyse(
            ledger.inputs(),
            configuration: configuration,
            startedAt: startedAt
        )
        let finding = try #require(analysis.findings.only)
        #expect(finding.draft.actual == Money(minorUnits: 500_000_000))
        #expect(finding.draft.period == FiscalPeriod(year: 2024, period: 13))
        #expect(finding.draft.expected == Money(minorUnits: yearEndAmounts.sorted()[(yearEndAmounts.count - 1) / 2]))
        #expect(finding.draft.explanation.contains("the supplier's median year-end line on the account"))
        #expect(finding.draft.details["judged_against"] == "year-end lines")
        // Judged against ordinary months, the year-end lines fill the whole flag budget (1 % of 341 lines).
        configuration.yearEndPeriods = []
        let ordinary = await DetectorAnalysis.analyse(
            ledger.inputs(),
            configuration: configuration,
            startedAt: startedAt
        )
        #expect(ordinary.findings.count == 3)
        #expect(ordinary.findings.allSatisfy { $0.draft.period?.period == 13 })
    }

    /// Cost centre 31090: GBP 100,000.00 in every month of 2019–2024 but GBP 300,000.00 in every period 12; in
    /// period 13 GBP 50,000.00, 52,000.00, 49,000.00, 51,000.00, 50,000.00 and, in 2024, 150,000.00.
    static func totals() -> [LedgerReader.SliceTotal] {
        var totals: [LedgerReader.SliceTotal] = []
        let yearEnd: [Int64] = [50_000_00, 52_000_00, 49_000_00, 51_000_00, 50_000_00, 150_000_00]
        for (offset, year) in (2019...2024).enumerated() {
            for period in 1...13 {
                let amount: Int64 = period == 13 ? yearEnd[offset] : period == 12 ? 300_000_00 : 100_000_00
                totals.append(
                    .init(
                        dimension: .costCenter,
                        member: "31090",
                        period: FiscalPeriod(year: year, period: period),
                        amount: amount,
                        lines: 10
                    )
                )
            }
        }
        return totals
    }

    @Test("period 13 is compared with other periods 13: only 2024's tripling is a change")
    func trendYearEnd() {
        let pass = TrendPass(configuration: .init(threshold: 0.30, minimumSignificance: 3, materiality: 10_000_00))
        let (monthOverMonth, yearOverYear) = pass.run(Self.totals())
        let yearEnds = yearOverYear.filter { $0.period.period == 13 }
        #expect(yearEnds.map(\.period) == [FiscalPeriod(year: 2024, period: 13)])
        #expect(yearEnds.map(\.base) == [FiscalPeriod(year: 2023, period: 13)])
        #expect(yearEnds.map(\.delta) == [100_000_00])
        #expect(!monthOverMonth.contains { $0.period.period == 13 || $0.base.period == 13 })
        // Without year-end periods, period 13 is left out of trends altogether.
        let none = TrendPass(
            configuration: .init(threshold: 0.30, minimumSignificance: 3, materiality: 10_000_00, yearEndPeriods: [])
        )
        .run(Self.totals())
        #expect(!(none.monthOverMonth + none.yearOverYear).contains { $0.period.period == 13 })
    }

    @Test("the spend-up of every period 12 is news month over month, not when 12 is a year-end period")
    func periodTwelve() {
        let ordinary = TrendPass(configuration: .init(threshold: 0.30, minimumSignificance: 3, materiality: 10_000_00))
            .run(Self.totals())
        // Every rise into period 12 from 2019 on (the fall in period 1 is its echo).
        #expect(
            ordinary.monthOverMonth.map(\.period).sorted() == (2019...2024).map { FiscalPeriod(year: $0, period: 12) }
        )
        let yearEnd = TrendPass(
            configuration: .init(
                threshold: 0.30,
                minimumSignificance: 3,
                materiality: 10_000_00,
                yearEndPeriods: [12, 13]
            )
        )
        .run(Self.totals())
        #expect(yearEnd.monthOverMonth.isEmpty)
        #expect(yearEnd.yearOverYear.map(\.period) == [FiscalPeriod(year: 2024, period: 13)])
    }
}

/// Trends compare comparable periods and do not repeat the organisation's own changes.
@Suite("Trends: sparse periods and slices that are the whole organisation")
struct TrendPeriodTests {
    /// 2023-01 to 2024-12: the organisation 100 lines and GBP 100,000.00 a month, cost centre A half of it, and a
    /// "cost centre" without a value holding all of it; 2023-06 holds 2 stray lines (GBP 1,000.00, A 500.00) and in
    /// 2024-06 A spends GBP 250,000.00 (the organisation 300,000.00).
    static func totals() -> [LedgerReader.SliceTotal] {
        var totals: [LedgerReader.SliceTotal] = []
        for year in 2023...2024 {
            for period in 1...12 {
                let sparse = year == 2023 && period == 6
                let spike = year == 2024 && period == 6
                let centre: (Int64, Int) = sparse ? (500_00, 1) : spike ? (250_000_00, 50) : (50_000_00, 50)
                let whole: (Int64, Int) = (centre.0 * 2 - (spike ? 200_000_00 : 0), centre.1 * 2)
                let at = FiscalPeriod(year: year, period: period)
                totals += [
                    .init(dimension: nil, member: "", period: at, amount: whole.0, lines: whole.1),
                    .init(dimension: .costCenter, member: "", period: at, amount: whole.0, lines: whole.1),
                    .init(dimension: .costCenter, member: "A", period: at, amount: centre.0, lines: centre.1),
                ]
            }
        }
        return totals
    }

    @Test("no change to or from a month of 2 stray lines; the empty cost centre is not the organisation again")
    func sparseAndWhole() {
        let (monthOverMonth, yearOverYear) = TrendPass(
            configuration: .init(threshold: 0.30, minimumSignificance: 3, materiality: 10_000_00)
        )
        .run(Self.totals())
        #expect(
            monthOverMonth.map { "\($0.dimension?.rawValue ?? "total")=\($0.member) \($0.period)" }.sorted() == [
                "cost_center=A 2024-06", "total= 2024-06",
            ]
        )
        #expect(monthOverMonth.map(\.delta).sorted() == [200_000_00, 200_000_00])
        #expect(yearOverYear.isEmpty)
        let everyPeriod = TrendPass(
            configuration: .init(threshold: 0.30, minimumSignificance: 3, materiality: 10_000_00, minimumPeriodShare: 0)
        )
        .run(Self.totals())
        #expect(
            everyPeriod.monthOverMonth.contains {
                $0.dimension == nil && $0.period == FiscalPeriod(year: 2023, period: 6)
            }
        )
    }
}
