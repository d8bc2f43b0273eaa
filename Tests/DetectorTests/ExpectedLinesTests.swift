import Shared
import Testing

@testable import Detector

/// How many lines a read will append per currency, from the slice totals of the same snapshot, and the room the
/// columns reserve for them.
@Suite("Expected lines of a read")
struct ExpectedLinesTests {
    static func total(
        _ currency: String,
        _ dimension: LedgerDimension?,
        _ period: FiscalPeriod,
        lines: Int
    ) -> LedgerReader.SliceTotal {
        LedgerReader.SliceTotal(
            currency: currency,
            dimension: dimension,
            member: dimension == nil ? "" : "M",
            period: period,
            amount: 100,
            lines: lines
        )
    }

    @Test("the organisation's totals count the lines per currency; slice members are not counted again")
    func perCurrency() {
        let (may, june) = (FiscalPeriod(year: 2024, period: 5), FiscalPeriod(year: 2024, period: 6))
        let totals = [
            Self.total("EUR", nil, may, lines: 1_200), Self.total("EUR", .costCenter, may, lines: 700),
            Self.total("EUR", nil, june, lines: 1_300), Self.total("EUR", .glAccount, june, lines: 1_300),
            Self.total("GBP", nil, june, lines: 45), Self.total("", nil, may, lines: 7),
        ]
        #expect(LedgerReader.lines(in: totals, periods: nil) == ["EUR": 2_500, "GBP": 45, "": 7])
        #expect(LedgerReader.lines(in: totals, periods: [june]) == ["EUR": 1_300, "GBP": 45])
        #expect(LedgerReader.lines(in: [], periods: nil) == [:])
    }

    @Test("reserved columns hold the rows appended, unchanged, without growing")
    func reserved() {
        var columns = LedgerColumns()
        columns.reserveCapacity(3)
        let capacity = columns.amount.capacity
        #expect(capacity >= 3)
        for row in 0..<3 {
            columns.append(
                batchID: 1,
                sourceLine: Int64(row + 2),
                amount: Int64(row) * 1_000,
                fiscalYear: 2024,
                period: 5,
                postingDay: 19_860,
                dimensions: ["D", "C\(row)", "G", "S", nil],
                reference: "R\(row)"
            )
        }
        #expect(columns.count == 3)
        #expect(columns.amount == [0, 1_000, 2_000])
        #expect(columns.sourceLine == [2, 3, 4])
        #expect(columns.codes(.costCenter) == [1, 2, 3])
        #expect(columns.codes(.functionalArea) == [0, 0, 0])
        #expect(columns.amount.capacity == capacity)
        #expect(columns.codes(.supplier).capacity >= 3)
    }
}
