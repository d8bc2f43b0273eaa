import Foundation
import Shared
import Testing

@testable import Detector

/// `DetectorAnalysis.analyse` on small in-memory ledgers: exact findings, no database.
@Suite("Detector run: analyse without I/O")
struct DetectorAnalysisTests {
    static let startedAt = Date(timeIntervalSince1970: 1_725_000_000)

    static func configuration(_ passes: [DetectorConfiguration.Pass]) -> DetectorConfiguration {
        var configuration = DetectorConfiguration()
        configuration.passes = passes
        return configuration
    }

    /// Six months of 50 lines of GBP 90.00–110.99 on one account, plus one line of GBP 25,000.00 in 2024-06.
    static func outlierLedger(account: String? = "521010") -> (ledger: InMemoryLedger, amounts: [Int64]) {
        var ledger = InMemoryLedger()
        var amounts: [Int64] = []
        for period in Int8(1)...6 {
            for index in 0..<50 {
                let amount = 9_000 + Int64((index * 37 + Int(period) * 11) % 2_100)
                ledger.add(amount, period: period, account: account, supplier: "Supplier \(index % 7)")
                amounts.append(amount)
            }
        }
        ledger.add(2_500_000, period: 6, account: account, supplier: "Big Invoice Ltd")
        amounts.append(2_500_000)
        return (ledger, amounts)
    }

    @Test("ledger 1: one line 250× its account's usual amount is the only statistical finding, exactly")
    func statisticalOutlier() async throws {
        let (ledger, amounts) = Self.outlierLedger()
        let analysis = await DetectorAnalysis.analyse(
            ledger.inputs(),
            configuration: Self.configuration([.statistical]),
            startedAt: Self.startedAt
        )
        let finding = try #require(analysis.findings.only)
        let median = amounts.sorted()[(amounts.count - 1) / 2]
        #expect(finding.draft.kind == .statisticalOutlier)
        #expect(finding.draft.period == FiscalPeriod(year: 2024, period: 6))
        #expect(finding.draft.actual == Money(minorUnits: 2_500_000))
        #expect(finding.draft.expected == Money(minorUnits: median))
        #expect(finding.draft.evidence == [EvidenceLine(batchID: 1, line: 302, amount: Money(minorUnits: 2_500_000))])
        #expect(finding.draft.dimensions.map(\.value) == ["Operations", "31090", "521010", "Big Invoice Ltd"])
        #expect(
            finding.draft.explanation.hasPrefix("Line 302 of gl.csv: GBP 25k to Big Invoice Ltd on GL account 521010")
        )
        // materiality = 0.1 % of the median month's spend (about GBP 5,000, so about GBP 5); the stake is ~5,000× that
        let months = (1...6)
            .map { period in amounts[(period - 1) * 50..<period * 50].reduce(0, +) + (period == 6 ? 2_500_000 : 0) }
        #expect(analysis.materiality == months.sorted()[2] / 1_000)
        #expect(finding.severity == .critical)
        #expect(analysis.record.latestPeriod == FiscalPeriod(year: 2024, period: 6))
        #expect(analysis.rowsScanned == 301)
        #expect(analysis.findingsByKind == ["statistical_outlier": 1])
    }

    @Test("ledger 1 without GL accounts (as some councils publish): the sentence has no account clause")
    func outlierWithoutAccount() async throws {
        let analysis = await DetectorAnalysis.analyse(
            Self.outlierLedger(account: nil).ledger.inputs(),
            configuration: Self.configuration([.statistical]),
            startedAt: Self.startedAt
        )
        let finding = try #require(analysis.findings.only)
        #expect(finding.draft.dimensions.map(\.value) == ["Operations", "31090", "Big Invoice Ltd"])
        #expect(finding.draft.explanation.hasPrefix("Line 302 of gl.csv: GBP 25k to Big Invoice Ltd, 2"))
        #expect(finding.draft.explanation.contains("× the median line without an account of GBP"))
        #expect(!finding.draft.explanation.contains("GL account"))
    }

    @Test("ledger 1 through 2024-05: the later outlier is not seen, nothing is found")
    func throughPeriod() async {
        let (ledger, _) = Self.outlierLedger()
        let analysis = await DetectorAnalysis.analyse(
            ledger.inputs(),
            configuration: Self.configuration([.statistical]),
            period: FiscalPeriod(year: 2024, period: 5),
            startedAt: Self.startedAt
        )
        #expect(analysis.findings.isEmpty)
        #expect(analysis.rowsScanned == 250)
        #expect(analysis.record.latestPeriod == FiscalPeriod(year: 2024, period: 5))
    }

    /// Two cost centres of 20 lines of GBP 100.00 a month for 2024-01 to 2024-05; in 2024-06 cost centre 31200
    /// gets 20 more lines of GBP 500.00 from a new supplier, NewCo Ltd.
    static func changeLedger() -> InMemoryLedger {
        var ledger = InMemoryLedger()
        for period in Int8(1)...6 {
            for centre in ["31090", "31200"] {
                for index in 0..<20 {
                    ledger.add(
                        10_000 + Int64(index),
                        period: period,
                        costCentre: centre,
                        supplier: "Supplier \(index % 4)"
                    )
                }
            }
        }
        for index in 0..<20 {
            ledger.add(50_000, period: 6, costCentre: "31200", supplier: "NewCo Ltd", reference: "NC-\(index)")
        }
        return ledger
    }

    @Test("ledger 2: a new supplier's GBP 10,000 in one cost centre is a month-over-month change, explained by it")
    func changeAndRootCause() async throws {
        let analysis = await DetectorAnalysis.analyse(
            Self.changeLedger().inputs(),
            configuration: Self.configuration([.trend, .rootCause]),
            startedAt: Self.startedAt
        )
        let june = FiscalPeriod(year: 2024, period: 6)
        let changes = analysis.findings.filter { $0.draft.kind == .monthOverMonth }
        let centre = try #require(changes.first { $0.draft.dimensions == [DimensionValue(.costCenter, "31200")] })
        #expect(centre.draft.period == june)
        #expect(centre.draft.delta == Money(minorUnits: 1_000_000))
        #expect(centre.draft.expected == Money(minorUnits: 200_190))
        #expect(centre.draft.actual == Money(minorUnits: 1_200_190))
        // no change is reported for the cost centre that did not change
        #expect(!changes.contains { $0.draft.dimensions.contains(DimensionValue(.costCenter, "31090")) })
        let causes = analysis.findings.filter { $0.draft.kind == .rootCause }
        #expect(!causes.isEmpty)
        #expect(causes.allSatisfy { $0.draft.period == june })
        #expect(causes.allSatisfy { $0.draft.dimensions.contains(DimensionValue(.supplier, "NewCo Ltd")) })
        #expect(causes.allSatisfy { $0.draft.delta == Money(minorUnits: 1_000_000) })
    }

    /// Five months of 30 lines of GBP 200.00 with distinct references; in 2024-05 one invoice is paid twice
    /// (same supplier, amount and reference, two days apart); 2024-06 holds only 5 lines.
    static func auditLedger() -> InMemoryLedger {
        var ledger = InMemoryLedger()
        for period in Int8(1)...6 {
            let count = period == 6 ? 5 : 30
            for index in 0..<count {
                ledger.add(
                    20_000 + Int64(index * 13),
                    period: period,
                    supplier: "Supplier \(index % 5)",
                    reference: "INV-\(period)-\(index)"
                )
            }
        }
        let day = InMemoryLedger.firstMonday(year: 2024, period: 5)
        ledger.add(734_512, period: 5, day: day, supplier: "Acme Facilities Ltd", reference: "AF-7781")
        ledger.add(734_512, period: 5, day: day + 2, supplier: "Acme Facilities Ltd", reference: "AF-7781")
        return ledger
    }

    @Test("ledger 3: the invoice paid twice is one duplicate payment; the half-loaded last month is provisional")
    func duplicateAndIncompletePeriod() async throws {
        let analysis = await DetectorAnalysis.analyse(
            Self.auditLedger().inputs(),
            configuration: Self.configuration([.completeness, .audit]),
            startedAt: Self.startedAt
        )
        let incomplete = try #require(analysis.findings.filter { $0.draft.kind == .incompletePeriod }.only)
        #expect(incomplete.draft.period == FiscalPeriod(year: 2024, period: 6))
        #expect(incomplete.draft.details["lines"] == "5")
        #expect(incomplete.draft.details["usual_lines"] == "30")
        #expect(analysis.record.provisional)
        let duplicate = try #require(analysis.findings.filter { $0.draft.kind == .duplicatePayment }.only)
        #expect(duplicate.draft.period == FiscalPeriod(year: 2024, period: 5))
        #expect(duplicate.draft.evidence.map(\.line) == [157, 158])
        #expect(duplicate.draft.evidence.map(\.amount) == [Money(minorUnits: 734_512), Money(minorUnits: 734_512)])
        #expect(duplicate.draft.dimensions.contains(DimensionValue(.supplier, "Acme Facilities Ltd")))
        #expect(!duplicate.provisional)
        #expect(analysis.findings.count == 2)
    }

    @Test("the same inputs give the same findings and documents, whatever the clock")
    func deterministic() async {
        let inputs = Self.changeLedger().inputs()
        let configuration = Self.configuration(DetectorConfiguration.Pass.allCases)
        let first = await DetectorAnalysis.analyse(inputs, configuration: configuration, startedAt: Self.startedAt)
        let second = await DetectorAnalysis.analyse(inputs, configuration: configuration, startedAt: Self.startedAt)
        #expect(first.findings.map(\.fingerprint) == second.findings.map(\.fingerprint))
        #expect(first.findings.map(\.draft.explanation) == second.findings.map(\.draft.explanation))
        #expect(first.documents.map(\.content.text) == second.documents.map(\.content.text))
        #expect(first.documents.map(\.name).contains("chart_rca_waterfall"))
    }
}
