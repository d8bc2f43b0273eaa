import Shared
import Testing

@testable import Detector

@Suite("Audit: duplicate payments")
struct AuditDuplicatePaymentTests {
    private func findings(_ ledger: AuditLedger, windowDays: Int = 3) -> [FindingDraft] {
        DuplicatePaymentAudit(
            settings: AuditConfiguration.DuplicatePayments(windowDays: windowDays),
            approvalLimits: [],
            currency: "IDR",
            evidenceLimit: 50
        )
        .findings(in: ledger.columns)
    }

    private static let differentReferenceRule =
        " Rule: same supplier, same amount, dates within the window, different references that are not one run; "
        + "the amount is not paid to many suppliers that day and is not a recurring schedule."

    @Test("a pair two days apart is one finding with the total, one payment expected and a plain sentence")
    func pairWithinWindow() throws {
        var ledger = AuditLedger()
        ledger.add(1_250_000_000, day: AuditLedger.monday, reference: "INV-7", batch: 3, line: 1044)
        ledger.add(1_250_000_000, day: AuditLedger.monday + 2, reference: "INV-5120", batch: 3, line: 1047)
        let finding = try #require(findings(ledger).only)
        #expect(finding.kind == .duplicatePayment)
        #expect(
            finding.dimensions == [DimensionValue(.costCenter, "31090"), DimensionValue(.supplier, "PT Sinar Abadi")]
        )
        #expect(finding.actual == Money(minorUnits: 2_500_000_000))
        #expect(finding.expected == Money(minorUnits: 1_250_000_000))
        #expect(finding.delta == Money(minorUnits: 1_250_000_000))
        #expect(finding.period == FiscalPeriod(year: 2024, period: 7))
        #expect(finding.evidenceLines == [1044, 1047])
        #expect(finding.details["days_apart"] == "2")
        #expect(finding.details["reference"] == nil)
        #expect(finding.details["rule"] == "different_reference")
        #expect(finding.details["references"] == "INV-5120, INV-7")
        #expect(finding.subject == "from 3:1044")
        #expect(
            finding.explanation == "Supplier PT Sinar Abadi was paid IDR 12.5m twice within 2 days under references "
                + "INV-5120 and INV-7 (lines 1044 and 1047 of batch 3); IDR 12.5m may be a duplicate."
                + Self.differentReferenceRule
        )
    }

    @Test("the same amount 40 days apart with different references is no duplicate")
    func pairOutsideWindow() {
        var ledger = AuditLedger()
        ledger.add(1_250_000_000, day: AuditLedger.monday, reference: "INV-7")
        ledger.add(1_250_000_000, day: AuditLedger.monday + 40, reference: "INV-8")
        #expect(findings(ledger).isEmpty)
    }

    @Test("the window is inclusive: 3 days apart is found, 4 days apart is not")
    func windowEdge() {
        var threeDays = AuditLedger()
        threeDays.add(700_000, day: AuditLedger.monday)
        threeDays.add(700_000, day: AuditLedger.monday + 3)
        #expect(findings(threeDays).count == 1)
        var fourDays = AuditLedger()
        fourDays.add(700_000, day: AuditLedger.monday)
        fourDays.add(700_000, day: AuditLedger.monday + 4)
        #expect(findings(fourDays).isEmpty)
        #expect(findings(fourDays, windowDays: 4).count == 1)
    }

    @Test("a monthly payment of the same amount is not flagged")
    func monthlyRecurringPayment() {
        var ledger = AuditLedger()
        for month in 0..<12 {
            ledger.add(
                4_500_000_000,
                day: AuditLedger.monday + Int32(30 * month),
                supplier: "PT Graha Persada",
                reference: "RENT-\(month)",
                period: Int8(month + 1)
            )
        }
        #expect(findings(ledger).isEmpty)
    }

    @Test("the same reference links the same supplier and amount on any date")
    func sameReference() throws {
        var ledger = AuditLedger()
        ledger.add(98_000_000, day: AuditLedger.monday, reference: "5100000123", line: 10)
        ledger.add(98_000_000, day: AuditLedger.monday + 40, reference: "5100000123", line: 900, period: 8)
        let finding = try #require(findings(ledger).only)
        #expect(finding.period == FiscalPeriod(year: 2024, period: 8))
        #expect(finding.details["reference"] == "5100000123")
        #expect(finding.details["rule"] == "same_reference")
        #expect(
            finding.explanation == "Supplier PT Sinar Abadi was paid IDR 980k twice 40 days apart under the same "
                + "reference 5100000123 (lines 10 and 900 of batch 1); IDR 980k may be a duplicate. "
                + "Rule: same supplier, same amount, same reference."
        )
    }

    @Test("a blank reference links nothing")
    func blankReference() {
        var ledger = AuditLedger()
        ledger.add(98_000_000, day: AuditLedger.monday, reference: " ")
        ledger.add(98_000_000, day: AuditLedger.monday + 40, reference: " ")
        #expect(findings(ledger).isEmpty)
    }

    @Test("other suppliers, other amounts, zero amounts and lines without a supplier are not duplicates")
    func notDuplicates() {
        var ledger = AuditLedger()
        ledger.add(500_000, supplier: "PT Sinar Abadi")
        ledger.add(500_000, supplier: "CV Mitra Jaya")
        ledger.add(500_001, supplier: "PT Sinar Abadi")
        ledger.add(0, supplier: "UD Karya")
        ledger.add(0, supplier: "UD Karya")
        ledger.add(300_000, supplier: nil)
        ledger.add(300_000, supplier: nil)
        ledger.add(500_000, supplier: "PT Sinar Abadi")
        ledger.add(-500_000, supplier: "CV Mitra Jaya")
        #expect(findings(ledger).map(\.evidenceLines) == [[2, 9]])
    }

    @Test("lines chained within the window form one group of three, reported once")
    func chainOfThree() throws {
        var ledger = AuditLedger()
        ledger.add(200_000_000, day: AuditLedger.monday + 6, line: 30)
        ledger.add(200_000_000, day: AuditLedger.monday, line: 10)
        ledger.add(200_000_000, day: AuditLedger.monday + 3, line: 20)
        let finding = try #require(findings(ledger).only)
        #expect(finding.actual == Money(minorUnits: 600_000_000))
        #expect(finding.delta == Money(minorUnits: 400_000_000))
        #expect(finding.score == 2)
        #expect(
            finding.explanation == "Supplier PT Sinar Abadi was paid IDR 2m three times within 6 days "
                + "(lines 10, 20 and 30 of batch 1); IDR 4m may be duplicates." + Self.differentReferenceRule
        )
    }

    @Test("lines on different cost centres name only the supplier")
    func twoCostCentres() throws {
        var ledger = AuditLedger()
        ledger.add(15_000_000, costCentre: "31090", batch: 2, line: 5)
        ledger.add(15_000_000, costCentre: "31100", batch: 4, line: 6)
        let finding = try #require(findings(ledger).only)
        #expect(finding.dimensions == [DimensionValue(.supplier, "PT Sinar Abadi")])
        #expect(finding.delta == Money(minorUnits: 15_000_000))
        #expect(finding.subject == "from 2:5")
    }

    @Test("credits are not payments: two equal credits are no duplicate")
    func credits() {
        var ledger = AuditLedger()
        ledger.add(-15_000_000, reference: "CN-1")
        ledger.add(-15_000_000, reference: "CN-1")
        #expect(findings(ledger).isEmpty)
    }

    @Test("every pair injected among thousands of distinct payments is found, and nothing else")
    func injectedPairsAmongNoise() {
        var generator = SeededGenerator(seed: 42)
        var ledger = AuditLedger()
        var pairs: [[Int64]] = []
        for index in 0..<5_000 {
            let supplier = "Supplier \(Int.random(in: 0..<40, using: &generator))"
            let amount = Int64(index) * 1_000 + Int64.random(in: 1..<1_000, using: &generator)
            let day = AuditLedger.monday + Int32.random(in: 0..<700, using: &generator)
            ledger.add(amount, day: day, supplier: supplier, reference: "R\(index)", line: Int64(index) * 2)
            if index % 250 == 0 {
                let delay = Int32.random(in: 0...3, using: &generator)
                ledger.add(
                    amount,
                    day: day + delay,
                    supplier: supplier,
                    reference: "R\(index)",
                    line: Int64(index) * 2 + 1
                )
                pairs.append([Int64(index) * 2, Int64(index) * 2 + 1])
            }
        }
        let found = findings(ledger).map { $0.evidenceLines.sorted() }
        #expect(found.count == pairs.count)
        #expect(Set(found) == Set(pairs))
    }
}
