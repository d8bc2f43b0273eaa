import FinrcaTestSupport
import Shared
import Testing

@testable import Detector

@Suite("Reading the journal lines in two halves: the halves, and the merge that renumbers the second")
struct ReadHalvesTests {
    static func total(_ period: FiscalPeriod, _ lines: Int, _ currency: String = "EUR") -> LedgerReader.SliceTotal {
        LedgerReader.SliceTotal(currency: currency, dimension: nil, member: "", period: period, amount: 0, lines: lines)
    }

    @Test("the cut falls between periods where the halves' lines are nearest equal; no cut with one period")
    func split() {
        let (p1, p2, p3, p4) = (
            FiscalPeriod(year: 2023, period: 12), FiscalPeriod(year: 2024, period: 1),
            FiscalPeriod(year: 2024, period: 2), FiscalPeriod(year: 2024, period: 3)
        )
        let totals = [
            Self.total(p1, 10), Self.total(p2, 10), Self.total(p2, 5, "USD"), Self.total(p3, 3), Self.total(p4, 2),
            LedgerReader.SliceTotal(dimension: .costCenter, member: "C1", period: p1, amount: 0, lines: 1_000),
        ]
        // 10 | 15 + 3 + 2 (distance 10) against 25 | 5 (distance 20): the cut is after the first period
        #expect(LedgerReader.split(totals, periods: nil) == p2)
        #expect(LedgerReader.split(totals, periods: [p2, p3, p4]) == p3)
        #expect(LedgerReader.split(totals, periods: [p3]) == nil)
        #expect(LedgerReader.split([Self.total(p1, 10), Self.total(p4, 10)], periods: nil) == p4)
        #expect(LedgerReader.split([], periods: nil) == nil)
    }

    /// Rows of one period, numbered from `line`; each row's amount, functional area and account type follow from
    /// its line number.
    static func columns(_ rows: [(String?, String?)], from line: Int64) -> LedgerColumns {
        var columns = LedgerColumns()
        for (sourceLine, (supplier, reference)) in zip(line..., rows) {
            columns.append(
                batchID: 1,
                sourceLine: sourceLine,
                amount: 100 * sourceLine,
                fiscalYear: 2024,
                period: 1,
                postingDay: 19_723,
                dimensions: ["D", nil, "521010", supplier, sourceLine.isMultiple(of: 2) ? "0100" : nil],
                reference: reference,
                accountType: sourceLine.isMultiple(of: 3) ? "S" : "K"
            )
        }
        return columns
    }

    @Test("appending renumbers the second half's codes: the columns of appending its rows one by one")
    func append() {
        let first: [(String?, String?)] = [("A Ltd", "R1"), ("caf\u{E9}", nil), ("A Ltd", "R2")]
        let second: [(String?, String?)] = [
            ("Z Ltd", "R2"), ("cafe\u{301}", "R3"), (nil, ""), ("A Ltd", "R3"), ("K", "R1"), ("\u{212A}", "R4"),
        ]
        let sequential = Self.columns(first + second, from: 1)
        var merged = Self.columns(first, from: 1)
        merged.append(contentsOf: Self.columns(second, from: 4))
        #expect(ColumnsImage(merged) == ColumnsImage(sequential))
        // the second spelling of a value is found under its code, as after a sequential read
        #expect(merged.dictionary(.supplier).code(of: "cafe\u{301}") == 2)
        var empty = LedgerColumns()
        empty.append(contentsOf: Self.columns(second, from: 4))
        #expect(ColumnsImage(empty) == ColumnsImage(Self.columns(second, from: 4)))
        var unchanged = Self.columns(first, from: 1)
        unchanged.append(contentsOf: LedgerColumns())
        #expect(ColumnsImage(unchanged) == ColumnsImage(Self.columns(first, from: 1)))
    }
}
