import Foundation
import Shared
import Testing

@testable import Detector

/// A line and its exact reversal are one event: paired exactly, never reported as outliers.
@Suite("Reversals: a line and its exact reversal are one event")
struct ReversalTests {
    static let day = InMemoryLedger.firstMonday(year: 2024, period: 5)

    /// Rows 0–10: two payments of GBP 5.00 (references R1, R2) and three credits (R1, none, none) of supplier S1 on
    /// account 521010; a GBP 7.00 payment and its credit on another account; a GBP 9.00 payment and its credit
    /// 40 days later; a GBP 3.00 payment and credit without posting days in different periods.
    static func ledger() -> InMemoryLedger {
        var ledger = InMemoryLedger()
        ledger.add(500, period: 5, day: day, supplier: "S1", reference: "R1")
        ledger.add(500, period: 5, day: day + 5, supplier: "S1", reference: "R2")
        ledger.add(-500, period: 5, day: day + 6, supplier: "S1", reference: "R1")
        ledger.add(-500, period: 5, day: day + 7, supplier: "S1")
        ledger.add(-500, period: 5, day: day + 8, supplier: "S1")
        ledger.add(700, period: 5, day: day, supplier: "S2")
        ledger.add(-700, period: 5, day: day + 1, account: "521020", supplier: "S2")
        ledger.add(900, period: 5, day: day, supplier: "S3")
        ledger.add(-900, period: 6, day: day + 40, supplier: "S3")
        ledger.add(300, period: 3, day: Int32.min, supplier: "S4")
        ledger.add(-300, period: 4, day: Int32.min, supplier: "S4")
        return ledger
    }

    @Test("same reference first, then the nearest debit; account, amount, window and period must match")
    func pairing() {
        let columns = Self.ledger().columns
        let pairs = ReversalPairs(columns, windowDays: 31)
        // The credit with reference R1 takes the R1 payment, though R2's is nearer; the next credit takes R2's; the
        // third credit has no payment left. Other accounts, 40 days and different periods do not pair.
        #expect(pairs.pairs == [.init(debit: 0, credit: 2), .init(debit: 1, credit: 3)])
        #expect(pairs.rows == [0, 1, 2, 3])
        #expect(pairs.isPaired == [true, true, true, true, false, false, false, false, false, false, false])
        let wider = ReversalPairs(columns, windowDays: 40)
        #expect(
            wider.pairs == [.init(debit: 0, credit: 2), .init(debit: 1, credit: 3), .init(debit: 7, credit: 8)]
        )
    }

    @Test("a reversal takes the posting of its own cost centre, not the corrected posting of the same day")
    func correctionOfTheCostCentre() {
        var ledger = InMemoryLedger()
        ledger.add(55_739, period: 5, day: Self.day, costCentre: "31090", supplier: "S1", reference: "5100035620")
        ledger.add(55_739, period: 5, day: Self.day + 5, costCentre: "31200", supplier: "S1", reference: "5100035621")
        ledger.add(-55_739, period: 5, day: Self.day + 5, costCentre: "31090", supplier: "S1", reference: "1800002022")
        let pairs = ReversalPairs(ledger.columns, windowDays: 31)
        // The corrected posting (row 1) is nearer in date, but the reversal negates row 0 as it was coded.
        #expect(pairs.pairs == [.init(debit: 0, credit: 2)])
    }

    /// Six months of 50 lines of GBP 90.00–110.99 on one account, plus a GBP 25,000.00 line in 2024-05 and its
    /// reversal `daysLater` days later, and a GBP 30,000.00 line in 2024-06 that stays.
    static func outlierLedger(daysLater: Int32) -> InMemoryLedger {
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
        ledger.add(2_500_000, period: 5, day: day, supplier: "Wrong Posting Ltd", reference: "WP-1")
        ledger.add(-2_500_000, period: 5, day: day + daysLater, supplier: "Wrong Posting Ltd", reference: "WP-1")
        ledger.add(3_000_000, period: 6, supplier: "Big Invoice Ltd")
        return ledger
    }

    @Test("a GBP 25k line reversed 10 days later is no outlier; the GBP 30k line still is, alone")
    func notOutliers() async throws {
        var configuration = DetectorConfiguration()
        configuration.passes = [.statistical, .trend]
        let analysis = await DetectorAnalysis.analyse(
            Self.outlierLedger(daysLater: 10).inputs(),
            configuration: configuration,
            startedAt: Date(timeIntervalSince1970: 1_725_000_000)
        )
        let outlier = try #require(analysis.findings.filter { $0.draft.kind == .statisticalOutlier }.only)
        #expect(outlier.draft.actual == Money(minorUnits: 3_000_000))
        // The pair is not a rise and a fall of its month either.
        #expect(!analysis.findings.contains { $0.draft.period == FiscalPeriod(year: 2024, period: 5) })
        let document = try #require(analysis.documents.first { $0.name == "anomalies_statistical" })
        #expect(document.content["flagged_lines"]?.intValue == 1)
    }

    @Test("reversed 40 days later (window 31 days): both lines are outliers")
    func outsideWindow() async {
        var configuration = DetectorConfiguration()
        configuration.passes = [.statistical]
        let analysis = await DetectorAnalysis.analyse(
            Self.outlierLedger(daysLater: 40).inputs(),
            configuration: configuration,
            startedAt: Date(timeIntervalSince1970: 1_725_000_000)
        )
        #expect(
            analysis.findings.map(\.draft.actual).sorted { $0!.minorUnits < $1!.minorUnits } == [
                Money(minorUnits: -2_500_000), Money(minorUnits: 2_500_000), Money(minorUnits: 3_000_000),
            ]
        )
    }
}

/// Recurring payments are a schedule, not outliers.
@Suite("Schedules: the same amount to the same supplier in several periods is no outlier")
struct ScheduleTests {
    @Test("scheduled lines among candidates: same supplier and signed amount in at least 3 periods")
    func scheduledLines() {
        var ledger = InMemoryLedger()
        for period in Int8(1)...3 { ledger.add(120_000, period: period, supplier: "Landlord Ltd") }  // rows 0–2
        ledger.add(120_000, period: 3, supplier: "Landlord Ltd")  // row 3: a second site in period 3
        for period in Int8(1)...2 { ledger.add(80_000, period: period, supplier: "Cleaner Ltd") }  // rows 4–5
        for period in Int8(1)...3 { ledger.add(-5_000, period: period, supplier: "Rebate Ltd") }  // rows 6–8
        for period in Int8(1)...3 { ledger.add(70_000, period: period, supplier: nil) }  // rows 9–11
        let columns = ledger.columns
        let candidates = Array(0..<12)
        #expect(PaymentSchedules.scheduled(candidates, in: columns, minimumPeriods: 3) == [0, 1, 2, 3, 6, 7, 8])
        #expect(PaymentSchedules.scheduled(candidates, in: columns, minimumPeriods: 2) == [0, 1, 2, 3, 4, 5, 6, 7, 8])
        #expect(PaymentSchedules.scheduled([3, 5], in: columns, minimumPeriods: 3) == [3])
        #expect(PaymentSchedules.scheduled(candidates, in: columns, minimumPeriods: 0).isEmpty)
    }

    /// Six months of 50 lines of GBP 90.00–110.99 on one account, plus GBP 20,000.00 rent to Landlord Ltd in each
    /// of `rentPeriods`.
    static func rentLedger(rentPeriods: ClosedRange<Int8>) -> InMemoryLedger {
        var ledger = InMemoryLedger()
        for period in Int8(1)...6 {
            for index in 0..<50 {
                ledger.add(
                    9_000 + Int64((index * 37 + Int(period) * 11) % 2_100),
                    period: period,
                    supplier: "S\(index % 7)"
                )
            }
            if rentPeriods.contains(period) { ledger.add(2_000_000, period: period, supplier: "Landlord Ltd") }
        }
        return ledger
    }

    @Test("rent of GBP 20,000 every month for six months: no outlier; paid in two months only: two outliers")
    func rentIsNoOutlier() async {
        var configuration = DetectorConfiguration()
        configuration.passes = [.statistical, .isolationForest]
        let startedAt = Date(timeIntervalSince1970: 1_725_000_000)
        let monthly = await DetectorAnalysis.analyse(
            Self.rentLedger(rentPeriods: 1...6).inputs(),
            configuration: configuration,
            startedAt: startedAt
        )
        #expect(!monthly.findings.contains { $0.draft.dimensions.contains(DimensionValue(.supplier, "Landlord Ltd")) })
        let twice = await DetectorAnalysis.analyse(
            Self.rentLedger(rentPeriods: 5...6).inputs(),
            configuration: configuration,
            startedAt: startedAt
        )
        let outliers = twice.findings.filter { $0.draft.kind == .statisticalOutlier }
        #expect(outliers.compactMap(\.draft.period).sorted() == [5, 6].map { FiscalPeriod(year: 2024, period: $0) })
    }
}
