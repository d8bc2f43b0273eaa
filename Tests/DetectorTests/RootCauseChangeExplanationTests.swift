import Foundation
import Shared
import Testing

@testable import Detector

/// The detector's own use of the search: a ledger change with two independent causes.
@Suite("Change explanation with several root causes")
struct RootCauseChangeExplanationTests {
    /// Two directorates of two cost centres, three GL accounts, four suppliers: one line per leaf and month,
    /// GBP 1,000 ± 5. In 2024-07 supplier S3 bills 2.5 times as much everywhere, and cost centre C22 triples
    /// its spend on account A2 with the other suppliers.
    private static func ledger() -> (columns: LedgerColumns, start: [String: Int64], end: [String: Int64]) {
        var columns = LedgerColumns()
        var start: [String: Int64] = [:]
        var end: [String: Int64] = [:]
        var line: Int64 = 2
        for period in [6, 7] as [Int8] {
            var leaf = 0
            for (directorate, costCentre) in [("D1", "C11"), ("D1", "C12"), ("D2", "C21"), ("D2", "C22")] {
                for account in ["A1", "A2", "A3"] {
                    for supplier in ["S1", "S2", "S3", "S4"] {
                        let base = 100_000 + Int64((leaf * 37 + Int(period) * 11) % 21 - 10) * 50
                        let factor: Int64 =
                            period == 6 ? 2 : supplier == "S3" ? 5 : costCentre == "C22" && account == "A2" ? 6 : 2
                        let amount = base * factor / 2
                        columns.append(
                            batchID: 1,
                            sourceLine: line,
                            amount: amount,
                            fiscalYear: 2024,
                            period: period,
                            postingDay: 19_905,
                            dimensions: [directorate, costCentre, account, supplier, nil],
                            reference: nil
                        )
                        // Each cause's spend: every leaf it selects (the leaf C22/A2/S3 is in both).
                        for (key, selected) in [
                            ("S3", supplier == "S3"), ("C22A2", costCentre == "C22" && account == "A2"),
                        ] where selected {
                            if period == 6 { start[key, default: 0] += amount } else { end[key, default: 0] += amount }
                        }
                        line += 1
                        leaf += 1
                    }
                }
            }
        }
        return (columns, start, end)
    }

    @Test("both causes are in the set, with their exact spend, and the finding names both")
    func twoCauses() async throws {
        let (columns, start, end) = Self.ledger()
        let explanation = await ChangeExplanation.explain(
            columns: columns,
            index: PeriodIndex(columns),
            from: FiscalPeriod(year: 2024, period: 6),
            to: FiscalPeriod(year: 2024, period: 7),
            filter: [],
            materiality: 100_000
        )
        #expect(explanation.search.squeezeForm == "supplier=S3;cost_center=C22&gl_account=A2")
        #expect(
            explanation.causes.map(\.dimensions) == [
                [DimensionValue(.supplier, "S3")],
                [DimensionValue(.costCenter, "C22"), DimensionValue(.glAccount, "A2")],
            ]
        )
        #expect(explanation.causes.map(\.start) == [start["S3"]!, start["C22A2"]!])
        #expect(explanation.causes.map(\.end) == [end["S3"]!, end["C22A2"]!])
        #expect(explanation.rootCauseSpend?.start == start["S3"])
        #expect(explanation.rootCauseDimensions == [DimensionValue(.supplier, "S3")])

        let finding = try #require(explanation.finding(wording: Wording(currency: "GBP")))
        #expect(finding.dimensions == [DimensionValue(.supplier, "S3")])
        #expect(finding.actual?.minorUnits == end["S3"]!)
        #expect(finding.explanation.hasPrefix("Root causes of the organisation's +GBP "))
        #expect(finding.explanation.contains(": supplier S3, GBP "))
        #expect(finding.explanation.contains("; cost centre C22 with GL account A2, GBP "))
        let change = Double(explanation.change.minorUnits)
        let shares = [end["S3"]! - start["S3"]!, end["C22A2"]! - start["C22A2"]!].map { Double($0) / change }
        let s3 = Money(minorUnits: end["S3"]! - start["S3"]!)
        let c22 = Money(minorUnits: end["C22A2"]! - start["C22A2"]!)
        #expect(
            finding.details["root_causes"]
                == "supplier=S3: \(s3) (\(String(format: "%.4f", shares[0]))); cost_center=C22&gl_account=A2: \(c22) (\(String(format: "%.4f", shares[1])))"
        )
        #expect(finding.details["root_cause_set"] == "supplier=S3;cost_center=C22&gl_account=A2")
    }
}
