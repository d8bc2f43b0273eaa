import Shared
import Testing

@testable import Detector

@Suite("Audit: round amounts")
struct AuditRoundAmountTests {
    private static let round: Int64 = 1_000_000  // 10,000.00, the default round unit

    /// `lines` lines of `supplier`, the first `roundLines` of them round (multiples of 10,000.00).
    private func add(_ supplier: String, lines: Int, roundLines: Int, to ledger: inout AuditLedger) {
        for index in 0..<lines {
            ledger.add(index < roundLines ? Self.round : Self.round + 1 + Int64(index), supplier: supplier)
        }
    }

    private func findings(_ ledger: AuditLedger, settings: AuditConfiguration.RoundAmounts = .init()) -> [FindingDraft]
    {
        RoundAmountAudit(settings: settings, currency: "IDR", evidenceLimit: 50).findings(in: ledger.columns)
    }

    /// 1,000 lines, 100 round (ledger share 0.1): A 40/100 flagged; B 11/60 under 20 %; C 40/40 under 50
    /// lines; D 9/800 below the ledger share.
    private func ledger() -> AuditLedger {
        var ledger = AuditLedger()
        add("PT A", lines: 100, roundLines: 40, to: &ledger)
        add("PT B", lines: 60, roundLines: 11, to: &ledger)
        add("PT C", lines: 40, roundLines: 40, to: &ledger)
        add("PT D", lines: 800, roundLines: 9, to: &ledger)
        return ledger
    }

    @Test("z = (40 − 100 · 0.1) / √(100 · 0.1 · 0.9) = 10 flags only the supplier above every threshold")
    func flagsOneSupplier() throws {
        let finding = try #require(findings(ledger()).only)
        #expect(finding.kind == .roundAmounts)
        #expect(finding.dimensions == [DimensionValue(.supplier, "PT A")])
        #expect(abs(finding.score - 10) < 1e-9)
        #expect(finding.actual == Money(minorUnits: 40 * Self.round))
        #expect(finding.expected == nil)
        #expect(finding.evidence.count == 40)
        #expect(finding.details["round_lines"] == "40")
        #expect(finding.details["ledger_share"] == "0.1000")
        #expect(
            finding.explanation == "Supplier PT A booked 40 of its 100 amounts (40.0 %) as exact multiples of "
                + "IDR 10k, against 10.0 % across the ledger (z = 10.0); together IDR 400k."
        )
    }

    @Test("each threshold can be what stops a finding")
    func thresholds() {
        #expect(findings(ledger(), settings: .init(minimumLines: 101)).isEmpty)
        #expect(findings(ledger(), settings: .init(minimumShare: 0.41)).isEmpty)
        #expect(findings(ledger(), settings: .init(minimumRatio: 4.1)).isEmpty)
        #expect(findings(ledger(), settings: .init(minimumZ: 10.1)).isEmpty)
        #expect(
            findings(ledger(), settings: .init(minimumLines: 40)).map(\.dimensions) == [
                [DimensionValue(.supplier, "PT A")], [DimensionValue(.supplier, "PT C")],
            ]
        )
    }

    @Test("a share of 25 % against a ledger share of 10 % fails the 3× rule even with a large z")
    func ratioRule() {
        var ledger = AuditLedger()
        add("PT A", lines: 400, roundLines: 100, to: &ledger)
        add("PT D", lines: 600, roundLines: 0, to: &ledger)
        // Ledger share 0.1; PT A: z = (100 − 40) / √36 = 10, share 0.25 < 3 · 0.1.
        #expect(findings(ledger).isEmpty)
        #expect(findings(ledger, settings: .init(minimumRatio: 2.4)).count == 1)
    }

    @Test("the round unit is configurable, and negative round amounts count by magnitude")
    func roundUnit() {
        var ledger = AuditLedger()
        for index in 0..<60 { ledger.add(index < 30 ? -50_000 : 50_001 + Int64(index), supplier: "UD Bulat") }
        for index in 0..<940 { ledger.add(index < 10 ? 50_000 : 50_001 + Int64(index), supplier: "PT Lain") }
        #expect(findings(ledger).isEmpty)
        let finding = findings(ledger, settings: .init(roundUnit: Money(minorUnits: 50_000))).only
        #expect(finding?.actual == Money(minorUnits: -1_500_000))
    }
}
