import Shared
import Testing

@testable import Detector

@Suite("Audit: weekend and holiday postings")
struct AuditWeekendPostingTests {
    private func findings(_ ledger: AuditLedger, settings: AuditConfiguration.WeekendPostings = .init())
        -> [FindingDraft]
    {
        WeekendPostingAudit(settings: settings, currency: "IDR", evidenceLimit: 50).findings(in: ledger.columns)
    }

    @Test(
        "weekdays from days since 1970-01-01 (a Thursday)",
        arguments: [
            (Int32(0), 3), (19_917, 5), (19_918, 6), (19_919, 0), (19_905, 0), (-1, 2), (-4, 6),
        ]
    )
    func weekday(day: Int32, weekday: Int) {
        #expect(PostingCalendar.weekday(ofDay: day) == weekday)
    }

    @Test("2024-07-13 (day 19917) is a Saturday, 2024-07-15 a Monday")
    func saturday() {
        #expect(PostingCalendar.isWeekend(19_917))
        #expect(PostingCalendar.isWeekend(19_918))
        #expect(!PostingCalendar.isWeekend(19_919))
    }

    /// Cost centre 31090 posts 2 of 200 lines on weekends in 2024-06 and 10 of 100 in 2024-07; cost centre
    /// 32000 posts 1,000 weekday lines and 10 weekend lines in 2024-07.
    private func ledger() -> AuditLedger {
        var ledger = AuditLedger()
        for index in 0..<200 {
            ledger.add(1_000_000, day: index < 2 ? 19_875 : 19_877, costCentre: "31090", period: 6)
        }
        for index in 0..<100 {
            let day = index < 6 ? AuditLedger.saturday : index < 10 ? AuditLedger.sunday : AuditLedger.monday
            ledger.add(2_000_000 + Int64(index), day: day, costCentre: "31090")
        }
        for index in 0..<1_010 {
            ledger.add(500_000, day: index < 10 ? AuditLedger.saturday : AuditLedger.monday, costCentre: "32000")
        }
        return ledger
    }

    @Test("10 % weekend lines against a usual 1 % is flagged for that cost centre and period only")
    func unusualShare() throws {
        let finding = try #require(findings(ledger()).only)
        #expect(finding.kind == .weekendPosting)
        #expect(finding.dimensions == [DimensionValue(.costCenter, "31090")])
        #expect(finding.period == FiscalPeriod(year: 2024, period: 7))
        #expect(finding.actual == Money(minorUnits: (0..<10).reduce(0) { $0 + 2_000_000 + Int64($1) }))
        #expect(finding.evidence.count == 10)
        #expect(finding.details["weekend_lines"] == "10")
        #expect(finding.details["usual_share"] == "0.0100")
        #expect(finding.details["ledger_share"] == "0.0168")  // 22 / 1,310
        // The baseline is the larger, ledger-wide share: P(X ≥ 10 | 100, 22/1310) = 7.8017e-6.
        #expect(abs(finding.score - 5.107808) < 0.000001)
        #expect(
            finding.explanation == "Cost centre 31090 posted 10 of its 100 lines in 2024-07 (10.0 %) on weekends, "
                + "against 1.7 % across the ledger (a chance of about 1 in 130,000); together IDR 200k "
                + "(lines 202, 203, 204, 205 and 206 of batch 1 and 5 more)."
        )
    }

    @Test("a cost centre that always works weekends is not flagged, though its share is above 5 %")
    func habitualWeekendWork() {
        var ledger = AuditLedger()
        for period in Int8(1)...6 {
            for index in 0..<40 {
                ledger.add(
                    300_000,
                    day: index < 12 ? AuditLedger.saturday : AuditLedger.monday,
                    costCentre: "39000",
                    period: period
                )
            }
        }
        #expect(findings(ledger).isEmpty)
        #expect(findings(ledger, settings: .init(significance: 1)).count == 6)
    }

    @Test("fewer than 5 weekend lines or a share of at most 5 % are not flagged")
    func minimumLinesAndShare() {
        var few = AuditLedger()
        for index in 0..<10 { few.add(100_000, day: index < 4 ? AuditLedger.saturday : AuditLedger.monday) }
        #expect(findings(few, settings: .init(significance: 1)).isEmpty)
        var lowShare = AuditLedger()
        for index in 0..<100 { lowShare.add(100_000, day: index < 5 ? AuditLedger.saturday : AuditLedger.monday) }
        #expect(findings(lowShare, settings: .init(significance: 1)).isEmpty)
    }

    @Test("a configured holiday counts like a weekend; lines without a posting date are left out")
    func holidays() throws {
        let holiday: Int32 = 19_891  // Monday 2024-06-17
        var ledger = AuditLedger()
        for index in 0..<20 { ledger.add(100_000, day: index < 6 ? holiday : 19_877, period: 6) }
        for _ in 0..<50 { ledger.add(100_000, day: Int32.min, period: 6) }
        #expect(findings(ledger, settings: .init(significance: 1)).isEmpty)
        let finding = try #require(findings(ledger, settings: .init(holidays: [holiday], significance: 1)).only)
        #expect(finding.details["lines"] == "20")
        #expect(finding.details["holiday_lines"] == "6")
        #expect(finding.explanation.contains("posted 6 of its 20 lines in 2024-06 (30.0 %) on weekends or holidays"))
    }
}
