import Foundation
import Shared
import Testing

@testable import Detector

@Suite("Audit: amounts just below an approval limit")
struct AuditBelowApprovalLimitTests {
    /// The default limit, 50,000,000.00; its band of 3 % is [48,500,000.00, 50,000,000.00) and the reference
    /// band beneath it [47,000,000.00, 48,500,000.00).
    private static let limit: Int64 = 5_000_000_000
    private static let bandFloor: Int64 = 4_850_000_000
    private static let referenceFloor: Int64 = 4_700_000_000

    private func findings(
        _ ledger: AuditLedger,
        settings: AuditConfiguration.BelowApprovalLimit = .init(dimensions: [.supplier])
    ) -> [FindingDraft] {
        BelowApprovalLimitAudit(settings: settings, currency: "IDR", evidenceLimit: 50).findings(in: ledger.columns)
    }

    /// `count` amounts spread over [floor, floor + 1,500,000.00).
    private func add(
        _ count: Int,
        from floor: Int64,
        supplier: String,
        costCentre: String = "31090",
        to ledger: inout AuditLedger
    ) {
        for index in 0..<count {
            ledger.add(floor + Int64(index) * 10_000_000, supplier: supplier, costCentre: costCentre)
        }
    }

    @Test("binomial tails computed by hand")
    func binomialTail() {
        // P(X ≥ 10 | n = 11, ½) = (C(11,10) + C(11,11)) / 2¹¹ = 12 / 2048.
        #expect(
            abs(pow(10, BinomialTail.log10UpperTail(atLeast: 10, trials: 11, probability: 0.5)) - 12.0 / 2048) < 1e-12
        )
        // P(X ≥ 12 | n = 12, ½) = 2⁻¹².
        #expect(abs(BinomialTail.log10UpperTail(atLeast: 12, trials: 12, probability: 0.5) + 12 * log10(2.0)) < 1e-12)
        // Below the mean: P(X ≥ 1 | n = 2, ½) = 3/4; P(X ≥ 2 | n = 10, 0.1) = 1 − 0.9¹⁰ − 10 · 0.1 · 0.9⁹.
        #expect(abs(pow(10, BinomialTail.log10UpperTail(atLeast: 1, trials: 2, probability: 0.5)) - 0.75) < 1e-12)
        let atLeastTwo = 1 - pow(0.9, 10) - 10 * 0.1 * pow(0.9, 9)
        #expect(
            abs(pow(10, BinomialTail.log10UpperTail(atLeast: 2, trials: 10, probability: 0.1)) - atLeastTwo) < 1e-12
        )
        #expect(BinomialTail.log10UpperTail(atLeast: 0, trials: 5, probability: 0.3) == 0)
        #expect(BinomialTail.log10UpperTail(atLeast: 6, trials: 5, probability: 0.3) == -.infinity)
        // Far in the tail the probability stays finite in log space: P(X ≥ 1000 | 1000, ½) = 2⁻¹⁰⁰⁰.
        #expect(
            abs(BinomialTail.log10UpperTail(atLeast: 1_000, trials: 1_000, probability: 0.5) + 1_000 * log10(2.0))
                < 1e-6
        )
    }

    @Test("14 amounts just below the limit against 1 beneath: p = 16 / 2¹⁵, flagged with the excess as delta")
    func cluster() throws {
        var ledger = AuditLedger()
        add(14, from: Self.bandFloor, supplier: "UD Persada", to: &ledger)
        add(1, from: Self.referenceFloor, supplier: "UD Persada", to: &ledger)
        let finding = try #require(findings(ledger).only)
        #expect(finding.kind == .belowApprovalLimit)
        #expect(finding.dimensions == [DimensionValue(.supplier, "UD Persada")])
        let clusterTotal = (0..<14).reduce(Int64(0)) { $0 + Self.bandFloor + Int64($1) * 10_000_000 }
        #expect(finding.actual == Money(minorUnits: clusterTotal))
        #expect(finding.expected == Money(minorUnits: Self.referenceFloor))
        #expect(abs(finding.score + log10(16.0 / 32_768)) < 1e-9)
        #expect(finding.evidenceLines == Array((2...15).reversed()))  // largest amount first
        #expect(finding.period == FiscalPeriod(year: 2024, period: 7))
        #expect(finding.details["lines_just_below"] == "14")
        #expect(finding.details["lines_in_reference_band"] == "1")
        #expect(
            finding.explanation == "Supplier UD Persada has 14 amounts between IDR 48.5m and IDR 50m, just under "
                + "the approval limit of IDR 50m, against 1 in the equally wide band beneath them (IDR 47m to IDR 48.5m); "
                + "with smoothly spread amounts a split this lopsided has a chance of about 1 in 2,000. Together IDR 688.1m "
                + "(lines 2, 3, 4, 5 and 6 of batch 1 and 9 more)."
        )
    }

    @Test("amounts spread evenly over both bands are not flagged")
    func evenSpread() {
        var ledger = AuditLedger()
        add(12, from: Self.bandFloor, supplier: "PT Besar", to: &ledger)
        add(12, from: Self.referenceFloor, supplier: "PT Besar", to: &ledger)
        #expect(findings(ledger).isEmpty)
    }

    @Test("with nothing beneath, 10 lines reach p = 2⁻¹⁰ ≤ 0.001 and 9 do not")
    func significanceEdge() {
        var nine = AuditLedger()
        add(9, from: Self.bandFloor, supplier: "CV Sembilan", to: &nine)
        #expect(findings(nine).isEmpty)
        var ten = AuditLedger()
        add(10, from: Self.bandFloor, supplier: "CV Sepuluh", to: &ten)
        #expect(findings(ten).count == 1)
    }

    @Test("fewer than the minimum lines are never flagged, whatever the significance")
    func minimumLines() {
        var ledger = AuditLedger()
        add(2, from: Self.bandFloor, supplier: "CV Dua", to: &ledger)
        #expect(findings(ledger, settings: .init(dimensions: [.supplier], significance: 1)).isEmpty)
        #expect(findings(ledger, settings: .init(dimensions: [.supplier], minimumLines: 2, significance: 1)).count == 1)
    }

    @Test("band edges: the limit itself is outside, its floor inside; credits never count")
    func bandEdges() throws {
        var ledger = AuditLedger()
        for _ in 0..<10 {
            ledger.add(Self.limit, supplier: "PT Tepat")
            ledger.add(-(Self.limit - 1), supplier: "PT Tepat")
            ledger.add(Self.bandFloor - 1, supplier: "PT Tepat")
        }
        #expect(findings(ledger).isEmpty)
        var floor = AuditLedger()
        for _ in 0..<10 { floor.add(Self.bandFloor, supplier: "PT Lantai") }
        #expect(try #require(findings(floor).only).details["band_from"] == "48500000.00")
    }

    @Test("suppliers and cost centres are tested per limit; each configured limit has its own band")
    func dimensionsAndLimits() {
        var ledger = AuditLedger()
        add(12, from: Self.bandFloor, supplier: "UD Persada", costCentre: "38950", to: &ledger)
        for index in 0..<12 {
            ledger.add(990_000_000 + Int64(index), supplier: "PT Kecil \(index)", costCentre: "38950")
        }
        let settings = AuditConfiguration.BelowApprovalLimit(limits: [
            Money(minorUnits: Self.limit), Money(minorUnits: 1_000_000_000),
        ])
        let flagged = findings(ledger, settings: settings).map { ($0.details["limit"]!, $0.dimensions[0]) }
        #expect(flagged.map(\.0) == ["50000000.00", "50000000.00", "10000000.00"])
        #expect(
            flagged.map(\.1) == [
                DimensionValue(.supplier, "UD Persada"), DimensionValue(.costCenter, "38950"),
                DimensionValue(.costCenter, "38950"),
            ]
        )
    }
}
