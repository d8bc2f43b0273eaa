import Shared
import Testing

@testable import Detector

@Suite("Audit: running all tests")
struct AuditRunTests {
    /// Two duplicate pairs (IDR 9m and IDR 3m), 12 lines just below the limit from one supplier on one cost
    /// centre, 20 of 40 lines of cost centre 35000 on a Saturday, and 1,000 small weekday lines elsewhere.
    private func ledger() -> AuditLedger {
        var ledger = AuditLedger()
        ledger.add(300_000_000, supplier: "PT Kecil")
        ledger.add(300_000_000, supplier: "PT Kecil")
        ledger.add(900_000_000, supplier: "PT Besar")
        ledger.add(900_000_000, supplier: "PT Besar", costCentre: "31100")
        for index in 0..<12 {
            ledger.add(4_900_000_000 + Int64(index), supplier: "UD Persada", costCentre: "38950")
        }
        for index in 0..<40 {
            let day = index < 20 ? AuditLedger.saturday : AuditLedger.monday
            ledger.add(1_000_000 + Int64(index), day: day, supplier: "CV \(index)", costCentre: "35000")
        }
        for index in 0..<1_000 {
            ledger.add(100 + Int64(index % 800), supplier: "UD \(index)", costCentre: "32000")
        }
        return ledger
    }

    @Test("findings come by kind, then |delta| descending, then score, then dimension values")
    func order() async {
        let findings = await AuditTests.run(ledger().columns, configuration: AuditConfiguration(currency: "IDR"))
        #expect(
            findings.map(\.kind) == [
                .duplicatePayment, .duplicatePayment, .belowApprovalLimit, .belowApprovalLimit, .weekendPosting,
            ]
        )
        #expect(findings.map { $0.dimensions.last?.value } == ["PT Besar", "PT Kecil", "38950", "UD Persada", "35000"])
    }

    @Test("the order is the same on every run")
    func deterministic() async {
        let configuration = AuditConfiguration(currency: "IDR")
        let first = await AuditTests.run(ledger().columns, configuration: configuration).map(\.explanation)
        for _ in 0..<5 {
            #expect(await AuditTests.run(ledger().columns, configuration: configuration).map(\.explanation) == first)
        }
    }

    @Test("evidence is capped, largest amounts first, but totals cover every line")
    func evidenceLimit() async throws {
        var ledger = AuditLedger()
        for index in 0..<60 {
            ledger.add(250_000, day: AuditLedger.monday + Int32(index % 3), line: Int64(100 + index))
        }
        let configuration = AuditConfiguration(currency: "IDR")
        let finding = try #require(await AuditTests.run(ledger.columns, configuration: configuration).only)
        #expect(finding.evidence.count == 50)
        #expect(finding.evidenceLines == Array(100..<150))
        #expect(finding.actual == Money(minorUnits: 15_000_000))
        #expect(finding.details["lines"] == "60")
        #expect(
            finding.explanation.contains(
                "(lines 100, 101, 102, 103 and 104 of batch 1 and 55 more); IDR 147.5k may be duplicates. Rule:"
            )
        )
        var small = configuration
        small.evidenceLimit = 3
        let capped = try #require(await AuditTests.run(ledger.columns, configuration: small).only)
        #expect(capped.evidenceLines == [100, 101, 102])
    }
}
