import Shared
import Testing

@testable import Detector

/// Which dimension a trend finding names as explaining a change.
@Suite("Change contributors")
struct ChangeContributorsTests {
    /// Cost centre 31090 on one GL account throughout: 2024-01 has Acme Ltd GBP 100.00; 2024-02 has Acme Ltd
    /// GBP 110.00 and NewCo Ltd GBP 500.00.
    static func ledger() -> InMemoryLedger {
        var ledger = InMemoryLedger()
        ledger.add(10_000, period: 1, supplier: "Acme Ltd")
        ledger.add(11_000, period: 2, supplier: "Acme Ltd")
        ledger.add(50_000, period: 2, supplier: "NewCo Ltd")
        return ledger
    }

    static func contributors(candidates: [LedgerDimension]) -> ChangeContributors? {
        let columns = ledger().columns
        return ChangeContributors.of(
            slice: DimensionValue(.costCenter, "31090"),
            period: FiscalPeriod(year: 2024, period: 2),
            base: FiscalPeriod(year: 2024, period: 1),
            candidates: candidates,
            columns: columns,
            index: PeriodIndex(columns)
        )
    }

    @Test("a dimension with one member in both periods (the single GL account) explains nothing; the supplier does")
    func singleMemberDimensionIsSkipped() throws {
        let result = try #require(Self.contributors(candidates: [.glAccount, .supplier]))
        #expect(result.dimension == .supplier)
        #expect(result.up.map(\.member) == ["NewCo Ltd", "Acme Ltd"])
        #expect(result.up.map(\.delta) == [50_000, 1_000])
        #expect(result.down.isEmpty)
        #expect(result.evidence.map(\.line) == [4])
    }

    @Test("only single-member dimensions: no contributors")
    func nothingToExplain() {
        #expect(Self.contributors(candidates: [.glAccount, .directorate]) == nil)
    }

    @Test("lines without a supplier as the top contributor read as such in the sentence, not as supplier (none)")
    func blankMemberSentence() throws {
        var ledger = InMemoryLedger()
        ledger.add(10_000, period: 1, supplier: "Acme Ltd")
        ledger.add(10_000, period: 2, supplier: "Acme Ltd")
        ledger.add(50_000, period: 2, supplier: nil)
        let columns = ledger.columns
        let contributors = try #require(
            ChangeContributors.of(
                slice: DimensionValue(.costCenter, "31090"),
                period: FiscalPeriod(year: 2024, period: 2),
                base: FiscalPeriod(year: 2024, period: 1),
                candidates: [.supplier],
                columns: columns,
                index: PeriodIndex(columns)
            )
        )
        #expect(contributors.up.map(\.member) == [LedgerDimension.noValue])
        let change = SliceChange(
            dimension: .costCenter,
            member: "31090",
            period: FiscalPeriod(year: 2024, period: 2),
            base: FiscalPeriod(year: 2024, period: 1),
            previous: 10_000,
            current: 60_000,
            previousLines: 1,
            currentLines: 2,
            amountSignificance: 4,
            lineSignificance: 1
        )
        let sentence = Wording(currency: "GBP")
            .changeSentence(change, slice: DimensionValue(.costCenter, "31090"), contributors: contributors)
        #expect(
            sentence
                == "Cost centre 31090 spent GBP 600 in 2024-02, +500 % on 2024-01 (GBP 100); lines without a supplier explain GBP 500 of the GBP 500 rise."
        )
    }
}
