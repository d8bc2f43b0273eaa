import Foundation
import Shared
import Testing

@testable import Detector

/// A run over a ledger with several currencies: each currency analysed on its own, never added together.
@Suite("Detector run: one analysis per currency")
struct RunAnalysisTests {
    /// Company code DE01 books in EUR, US01 in USD: the same six months of 50 lines each, with one outlier line
    /// in 2024-06 in both (EUR 25,000.00 and USD 40,000.00).
    static func scopes() -> [DetectorInputs] {
        var euro = InMemoryLedger()
        var dollar = InMemoryLedger()
        for period in Int8(1)...6 {
            for index in 0..<50 {
                euro.add(
                    9_000 + Int64((index * 37 + Int(period) * 11) % 2_100),
                    period: period,
                    supplier: "S\(index % 7)"
                )
                dollar.add(
                    12_000 + Int64((index * 41 + Int(period) * 13) % 2_500),
                    period: period,
                    supplier: "S\(index % 5)"
                )
            }
        }
        euro.add(2_500_000, period: 6, supplier: "Big Invoice GmbH")
        dollar.add(4_000_000, period: 6, supplier: "Big Invoice Inc")
        dollar.add(11_000, period: 6, supplier: "S1")
        return [dollar.inputs(currency: "USD"), euro.inputs(currency: "EUR")]
    }

    @Test("each currency's outlier is found in its own currency, with its own sentence and fingerprint")
    func perCurrencyFindings() async throws {
        var configuration = DetectorConfiguration()
        configuration.passes = [.statistical]
        let run = await RunAnalysis.analyse(
            Self.scopes(),
            configuration: configuration,
            startedAt: Date(timeIntervalSince1970: 1_725_000_000)
        )
        #expect(run.scopes.map(\.currency) == ["USD", "EUR"])
        #expect(run.findings.count == 2)
        let dollar = try #require(run.findings.first { $0.currency == "USD" })
        let euro = try #require(run.findings.first { $0.currency == "EUR" })
        #expect(dollar.draft.actual == Money(minorUnits: 4_000_000))
        #expect(euro.draft.actual == Money(minorUnits: 2_500_000))
        #expect(dollar.draft.explanation.contains("USD 40k") && !dollar.draft.explanation.contains("EUR"))
        #expect(euro.draft.explanation.contains("EUR 25k") && !euro.draft.explanation.contains("USD"))
        // same kind, period and path in two currencies: two findings, two fingerprints
        #expect(dollar.fingerprint == Finding.fingerprint(of: dollar.draft, currency: "USD"))
        #expect(euro.fingerprint != dollar.fingerprint)
        #expect(run.record.rowsScanned == 603 && run.record.currency == "USD")
        #expect(run.record.summary["currencies"] == .array([.string("USD"), .string("EUR")]))
    }

    @Test("the currencies document holds each currency's exact spend, never a sum across them")
    func currenciesDocument() async throws {
        var configuration = DetectorConfiguration()
        configuration.passes = [.completeness]
        let scopes = Self.scopes()
        let run = await RunAnalysis.analyse(scopes, configuration: configuration, startedAt: Date())
        let document = try #require(run.documents.first { $0.name == "currencies" })
        let entries = try #require(document.content["currencies"]?.arrayValue)
        for (entry, scope) in zip(entries, scopes) {
            let expected = (0..<scope.columns.count).reduce(Int64(0)) { $0 + scope.columns.amount[$1] }
            #expect(entry["currency"]?.stringValue == scope.currency)
            #expect(entry["total"]?.decimalTextValue == Money(minorUnits: expected).description)
            #expect(entry["lines"]?.intValue == Int64(scope.columns.count))
            #expect(entry["periods"]?.arrayValue?.count == 6)
        }
        #expect(entries.map { $0["total"]?.decimalTextValue } == ["79260.00", "54835.00"])
    }

    @Test("a ledger in one currency keeps the fingerprints it always had")
    func singleCurrency() async throws {
        var configuration = DetectorConfiguration()
        configuration.passes = [.statistical]
        let run = await RunAnalysis.analyse(
            [Self.scopes()[1]],
            configuration: configuration,
            startedAt: Date(timeIntervalSince1970: 1_725_000_000)
        )
        let finding = try #require(run.findings.first)
        #expect(finding.fingerprint == Finding.fingerprint(of: finding.draft))
        #expect(run.record.summary["currencies"] == nil)
    }
}
