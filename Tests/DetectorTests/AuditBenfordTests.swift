import Foundation
import Shared
import Testing

@testable import Detector

@Suite("Audit: Benford first digits")
struct AuditBenfordTests {
    /// Appends one line per count, each amount led by the digit at that index (d · 1,000.00 + a varying tail).
    private func add(
        digitCounts: [Int],
        supplier: String,
        costCentre: String,
        accountType: String? = nil,
        to ledger: inout AuditLedger
    ) {
        for (index, count) in digitCounts.enumerated() {
            for serial in 0..<count {
                ledger.add(
                    Int64(index + 1) * 100_000 + Int64(serial % 997) * 7,
                    supplier: supplier,
                    costCentre: costCentre,
                    accountType: accountType
                )
            }
        }
    }

    /// Per value of `dimensions` only, from `minimumLines` amounts.
    private func perValue(_ dimensions: [LedgerDimension], minimumLines: Int = 300) -> AuditConfiguration.Benford {
        AuditConfiguration.Benford(
            ledger: false,
            accountClasses: false,
            dimensions: dimensions,
            minimumLines: minimumLines
        )
    }

    private func findings(_ ledger: AuditLedger, settings: AuditConfiguration.Benford = .init()) -> [FindingDraft] {
        BenfordAudit(settings: settings, currency: "IDR", evidenceLimit: 50).findings(in: ledger.columns)
    }

    @Test(
        "first digits of minor units equal those of currency units",
        arguments: [
            (Int64(1_000), 1), (98_765, 9), (5, 5), (4_000_000_000, 4), (Int64.max, 9),
        ]
    )
    func firstDigit(amount: Int64, digit: Int) {
        #expect(BenfordDigits.firstDigit(amount) == digit)
    }

    @Test("MAD computed by hand for a near-Benford distribution is close conformity")
    func madCloseByHand() {
        // |0.30 − 0.30103| + |0.18 − 0.17609| + |0.12 − 0.12494| + |0.10 − 0.09691| + |0.08 − 0.07918|
        // + |0.07 − 0.06695| + |0.06 − 0.05799| + |0.05 − 0.05115| + |0.04 − 0.04576| = 0.02576; / 9 = 0.002862.
        let mad = BenfordDigits.meanAbsoluteDeviation(counts: [30, 18, 12, 10, 8, 7, 6, 5, 4])
        #expect(abs(mad - 0.002862) < 0.000001)
        #expect(BenfordConformity(meanAbsoluteDeviation: mad) == .close)
    }

    @Test("MAD of amounts all led by 1 is 2 · (1 − log₁₀ 2) / 9 = 0.155327, nonconformity")
    func madAllOnes() {
        let mad = BenfordDigits.meanAbsoluteDeviation(counts: [10, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(abs(mad - 0.155327) < 0.000001)
        #expect(BenfordConformity(meanAbsoluteDeviation: mad) == .nonconformity)
    }

    @Test(
        "Nigrini's first-digit levels",
        arguments: [
            (0.0, BenfordConformity.close), (0.006, .close), (0.0061, .acceptable), (0.012, .acceptable),
            (0.0121, .marginal), (0.015, .marginal), (0.0151, .nonconformity),
        ]
    )
    func levels(mad: Double, level: BenfordConformity) {
        #expect(BenfordConformity(meanAbsoluteDeviation: mad) == level)
    }

    @Test("chi-square with 8 degrees of freedom: statistic and tail probability")
    func chiSquare() {
        // 100 amounts all led by 1: (100 − 30.103)²/30.103 + Σ over d ≥ 2 of 100 · log₁₀(1 + 1/d) = 232.19.
        #expect(abs(BenfordDigits.chiSquare(counts: [100, 0, 0, 0, 0, 0, 0, 0, 0]) - 232.19) < 0.01)
        // Critical values of χ²(8): 15.507 at 0.05, 26.124 at 0.001.
        #expect(abs(pow(10, BenfordDigits.log10ChiSquareTail(15.507)) - 0.05) < 0.0001)
        #expect(abs(pow(10, BenfordDigits.log10ChiSquareTail(26.124)) - 0.001) < 0.00001)
    }

    @Test("a supplier whose 300 amounts all start with 5 is flagged, with the MAD as score and digit 5 named")
    func nonconformingSupplier() throws {
        var ledger = AuditLedger()
        add(digitCounts: [0, 0, 0, 0, 300, 0, 0, 0, 0], supplier: "CV Lima", costCentre: "31090", to: &ledger)
        let finding = try #require(findings(ledger, settings: perValue([.supplier])).only)
        #expect(finding.kind == .benford)
        #expect(finding.dimensions == [DimensionValue(.supplier, "CV Lima")])
        #expect(abs(finding.score - 0.204626) < 0.000001)
        #expect(finding.details["level"] == "nonconformity")
        #expect(finding.details["lines"] == "300")
        #expect(finding.details["over_represented_digit"] == "5")
        #expect(finding.details["mad"] == "0.2046")
        #expect(finding.evidence.count == 50)
        let total = (0..<300).reduce(Int64(0)) { $0 + 500_000 + Int64($1 % 997) * 7 }
        #expect(finding.actual == Money(minorUnits: total))
        #expect(finding.expected == Money(minorUnits: Int64((Double(total) * log10(1.2)).rounded())))
        #expect(
            finding.explanation == "Supplier CV Lima: the first digits of its 300 amounts of IDR 10 or more do not "
                + "follow Benford's law (mean absolute deviation 0.2046, above the nonconformity limit 0.0150): 5 leads "
                + "100.0 % of them where 7.9 % is expected."
        )
    }

    @Test("suppliers and cost centres are tested separately; Benford-shaped digits are not flagged")
    func perDimension() {
        var ledger = AuditLedger()
        add(digitCounts: [0, 0, 0, 0, 300, 0, 0, 0, 0], supplier: "CV Lima", costCentre: "31090", to: &ledger)
        add(
            digitCounts: [301, 176, 125, 97, 79, 67, 58, 51, 46],
            supplier: "PT Benford",
            costCentre: "32000",
            to: &ledger
        )
        let flagged = findings(ledger, settings: perValue([.supplier, .costCenter])).map(\.dimensions)
        #expect(flagged == [[DimensionValue(.supplier, "CV Lima")], [DimensionValue(.costCenter, "31090")]])
    }

    @Test("fewer than the minimum lines, amounts under the minimum and credits are not tested")
    func minimumLinesAndAmount() {
        var ledger = AuditLedger()
        add(digitCounts: [0, 0, 0, 0, 299, 0, 0, 0, 0], supplier: "CV Lima", costCentre: "31090", to: &ledger)
        for _ in 0..<50 {
            ledger.add(999, supplier: "CV Lima")  // 9.99 currency units: under the minimum of 10.00
            ledger.add(-500_000, supplier: "CV Lima")
        }
        #expect(findings(ledger, settings: perValue([.supplier, .costCenter])).isEmpty)
        #expect(findings(ledger, settings: perValue([.supplier, .costCenter], minimumLines: 299)).count == 2)
    }

    @Test("a MAD just above 0.015 that sampling noise explains is not flagged unless the chi-square guard is off")
    func samplingNoiseGuard() {
        // MAD 0.015598 but χ² = 7.63 (p = 0.47): what 300 amounts drawn from Benford's law often look like.
        var ledger = AuditLedger()
        add(digitCounts: [96, 47, 43, 24, 29, 15, 22, 11, 13], supplier: "PT Acak", costCentre: "31090", to: &ledger)
        let supplierOnly = perValue([.supplier])
        #expect(findings(ledger, settings: supplierOnly).isEmpty)
        var guardOff = supplierOnly
        guardOff.significance = 1
        let finding = findings(ledger, settings: guardOff).only
        #expect(finding.map { abs($0.score - 0.015598) < 0.000001 } == true)
    }

    @Test("by default only the ledger and its account classes are tested, and only from 1,000 amounts")
    func populationMinimum() throws {
        var small = AuditLedger()
        add(digitCounts: [0, 0, 0, 0, 999, 0, 0, 0, 0], supplier: "CV Lima", costCentre: "31090", to: &small)
        #expect(findings(small).isEmpty)
        var large = small
        large.add(512_345, supplier: "CV Lima")
        let flagged = findings(large)
        #expect(flagged.map(\.dimensions) == [[], [DimensionValue(.glAccount, "521010")]])
        #expect(flagged.map(\.subject) == ["ledger", nil])
        #expect(flagged.map { $0.details["population"] } == ["ledger", "gl_account"])
        let ledger = try #require(flagged.first)
        #expect(abs(ledger.score - 0.20462639) < 0.00000001)
        #expect(ledger.details["lines"] == "1000")
        #expect(ledger.explanation.hasPrefix("The ledger: the first digits of its 1,000 amounts of IDR 10 or more"))
    }

    @Test("account types are the account classes when the ledger has them; suppliers only on request")
    func accountTypes() throws {
        var ledger = AuditLedger()
        add(
            digitCounts: [301, 176, 125, 97, 79, 67, 58, 51, 46],
            supplier: "PT Benford",
            costCentre: "32000",
            accountType: "Revenue Expenditure",
            to: &ledger
        )
        add(
            digitCounts: [0, 0, 0, 0, 1_000, 0, 0, 0, 0],
            supplier: "CV Lima",
            costCentre: "31090",
            accountType: "Capital Expenditure",
            to: &ledger
        )
        let flagged = findings(ledger)
        #expect(flagged.map(\.subject) == ["ledger", "account type Capital Expenditure"])
        #expect(flagged.map(\.dimensions) == [[], []])
        #expect(abs(flagged[0].score - 0.1022931) < 0.0000001)
        #expect(abs(flagged[1].score - 0.20462639) < 0.00000001)
        #expect(flagged[1].explanation.hasPrefix("Account class Capital Expenditure: the first digits of its 1,000"))
        var perSupplier = AuditConfiguration.Benford()
        perSupplier.dimensions = [.supplier]
        #expect(findings(ledger, settings: perSupplier).last?.dimensions == [DimensionValue(.supplier, "CV Lima")])
        #expect(findings(ledger, settings: perSupplier).count == 3)
    }
}
