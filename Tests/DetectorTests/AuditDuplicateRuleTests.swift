import Shared
import Testing

@testable import Detector

@Suite("Audit: duplicate payment rules (same–same–same, same–same–different, split invoices)")
struct AuditDuplicateRuleTests {
    private func findings(_ ledger: AuditLedger, limits: [Money] = []) -> [FindingDraft] {
        DuplicatePaymentAudit(
            settings: AuditConfiguration.DuplicatePayments(),
            approvalLimits: limits,
            currency: "GBP",
            evidenceLimit: 50
        )
        .findings(in: ledger.columns)
    }

    @Test("a true duplicate: the same supplier, amount and reference 12 days apart")
    func trueDuplicate() throws {
        var ledger = AuditLedger()
        ledger.add(482_317, day: AuditLedger.monday, reference: "INV-2041", line: 7)
        ledger.add(482_317, day: AuditLedger.monday + 12, reference: "INV-2041", line: 31)
        let finding = try #require(findings(ledger).only)
        #expect(finding.details["rule"] == "same_reference")
        #expect(finding.details["reference"] == "INV-2041")
        #expect(finding.actual == Money(minorUnits: 964_634))
        #expect(finding.expected == Money(minorUnits: 482_317))
        #expect(finding.evidenceLines == [7, 31])
        #expect(
            finding.explanation == "Supplier PT Sinar Abadi was paid GBP 4.8k twice 12 days apart under the same "
                + "reference INV-2041 (lines 7 and 31 of batch 1); GBP 4.8k may be a duplicate. "
                + "Rule: same supplier, same amount, same reference."
        )
    }

    @Test("a fuzzy duplicate: INV-001234 and 1234 are the same reference once normalised")
    func fuzzyReference() throws {
        var ledger = AuditLedger()
        ledger.add(420_000, day: AuditLedger.monday, reference: "INV-001234")
        ledger.add(420_000, day: AuditLedger.monday + 20, reference: "1234")
        ledger.add(420_000, day: AuditLedger.monday + 60, reference: "INV 1235")
        let finding = try #require(findings(ledger).only)
        #expect(finding.details["rule"] == "similar_reference")
        #expect(finding.details["references"] == "1234, INV-001234")
        #expect(finding.evidenceLines == [2, 3])
        #expect(
            finding.explanation == "Supplier PT Sinar Abadi was paid GBP 4.2k twice 20 days apart under references "
                + "1234 and INV-001234 (lines 2 and 3 of batch 1); GBP 4.2k may be a duplicate. Rule: same supplier, "
                + "same amount, the same reference once punctuation, prefixes and leading zeros are removed."
        )
    }

    @Test("a split invoice: two parts of INV-1001 adding up to 10,000.00, a multiple of 1,000.00 no part is")
    func splitRoundTotal() throws {
        var ledger = AuditLedger()
        ledger.add(625_000, reference: "INV-1001-1")
        ledger.add(375_000, reference: "INV-1001-2")
        ledger.add(250_000, reference: "INV-1002-1")  // another invoice's only part is no split
        let finding = try #require(findings(ledger).only)
        #expect(finding.details["rule"] == "split_invoice")
        #expect(finding.actual == Money(minorUnits: 1_000_000))
        #expect(finding.expected == nil)
        #expect(finding.subject == "split from 1:2")
        #expect(
            finding.explanation == "Supplier PT Sinar Abadi was paid GBP 10k in 2 parts on the same day under "
                + "references INV-1001-1 and INV-1001-2 (lines 2 and 3 of batch 1): the total, 10,000.00, is a "
                + "multiple of 1,000.00 that no part is; one invoice may have been split. Rule: parts of one "
                + "reference paid to one supplier within the window, adding up to a round amount or an approval "
                + "limit."
        )
    }

    @Test("a split invoice kept under an approval limit: 1001A and 1001B, each under 10,000.00, together 11,500.00")
    func splitUnderLimit() throws {
        var ledger = AuditLedger()
        ledger.add(600_000, day: AuditLedger.monday, reference: "1001A")
        ledger.add(550_000, day: AuditLedger.monday + 1, reference: "1001B")
        #expect(findings(ledger).isEmpty)
        let finding = try #require(findings(ledger, limits: [Money(minorUnits: 1_000_000)]).only)
        #expect(finding.details["rule"] == "split_invoice")
        #expect(
            finding.explanation.contains(
                "the total, 11,500.00, reaches the approval limit 10,000.00 that each part stays under"
            )
        )
    }

    @Test("a payment run with consecutive references is not reported; the same amounts far apart in number are")
    func paymentRun() throws {
        var run = AuditLedger()
        for index in 0..<12 {
            run.add(3_000_000, supplier: "LOCAL SPACE LTD", reference: String(1_900_053_954 + index))
        }
        run.add(3_000_000, day: AuditLedger.monday + 1, supplier: "LOCAL SPACE LTD", reference: "1900054030")
        #expect(findings(run).isEmpty)
        var apart = AuditLedger()
        apart.add(3_000_000, supplier: "LOCAL SPACE LTD", reference: "1900053954")
        apart.add(3_000_000, supplier: "LOCAL SPACE LTD", reference: "1900060000")
        let finding = try #require(findings(apart).only)
        #expect(finding.details["rule"] == "different_reference")
    }

    @Test("the same amount paid to 30 suppliers on one day is a programme: a supplier's second grant is not reported")
    func programme() {
        var ledger = AuditLedger()
        for index in 0..<30 { ledger.add(50_000, supplier: "Grant Holder \(index)", reference: "G\(index * 1_000)") }
        ledger.add(50_000, supplier: "Grant Holder 0", reference: "G777777")
        #expect(findings(ledger).isEmpty)
        var few = AuditLedger()
        for index in 0..<4 { few.add(50_000, supplier: "Grant Holder \(index)", reference: "G\(index * 1_000)") }
        few.add(50_000, supplier: "Grant Holder 0", reference: "G777777")
        #expect(findings(few).map(\.evidenceLines) == [[2, 6]])
    }

    @Test("three equal care fees paid together every month are a schedule; in only two months they are not")
    func monthlySchedule() {
        func ledger(months: Int) -> AuditLedger {
            var ledger = AuditLedger()
            for month in 0..<months {
                for resident in 0..<3 {
                    ledger.add(
                        131_976,
                        day: AuditLedger.monday + Int32(30 * month),
                        supplier: "Bedewell Grange",
                        reference: String(7_400_000 + 5_000 * resident + 40_000 * month),
                        period: Int8(month + 1)
                    )
                }
            }
            return ledger
        }
        #expect(findings(ledger(months: 6)).isEmpty)
        #expect(findings(ledger(months: 2)).map(\.details["rule"]) == ["different_reference", "different_reference"])
        let schedules = PaymentSchedules(ledger(months: 6).columns, minimumPeriods: 3)
        #expect(schedules.count == 1)
        #expect(schedules.contains(row: 0, of: ledger(months: 6).columns))
        #expect(PaymentSchedules(ledger(months: 2).columns, minimumPeriods: 3).count == 0)
    }

    @Test("a placeholder supplier's equal payments under different references are different payees")
    func placeholderSupplier() {
        var ledger = AuditLedger()
        ledger.add(80_000, supplier: "Redacted Personal Data", reference: "7308064")
        ledger.add(80_000, supplier: "Redacted Personal Data", reference: "7308214")
        #expect(findings(ledger).isEmpty)
        ledger.add(80_000, supplier: "Redacted Personal Data", reference: "7308214")
        #expect(findings(ledger).map(\.details["rule"]) == ["same_reference"])
    }

    @Test("one invoice allocated across cost centres in equal parts is not a duplicate; the same coding twice is")
    func allocation() {
        var ledger = AuditLedger()
        for costCentre in ["1EEK1", "1EA04", "1KL17"] {
            ledger.add(6_625, supplier: "Thyssenkrupp", costCentre: costCentre, reference: "7971462")
        }
        #expect(findings(ledger).isEmpty)
        ledger.add(6_625, supplier: "Thyssenkrupp", costCentre: "1EA04", reference: "7971462")
        #expect(findings(ledger).map(\.evidenceLines) == [[2, 3, 4, 5]])
    }

    @Test("a payment made twice and reversed once by a credit is no duplicate")
    func reversal() {
        var ledger = AuditLedger()
        ledger.add(250_000, reference: "INV-88")
        ledger.add(250_000, day: AuditLedger.monday + 1, reference: "INV-9120")
        #expect(findings(ledger).count == 1)
        ledger.add(-250_000, day: AuditLedger.monday + 9, reference: "INV-9120")
        #expect(findings(ledger).isEmpty)
    }
}
