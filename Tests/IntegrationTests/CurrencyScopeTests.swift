import Detector
import FinrcaTestSupport
import Foundation
import Ingestor
import PostgresNIO
import Shared
import Testing

/// A ledger whose company codes book in EUR and USD, through the real load and detector run.
@Suite("Two currencies: never added together", .needsDatabase)
struct CurrencyScopeTests {
    /// Company code DE01 in EUR and US01 in USD, 2024-01 to 2024-06, 40 lines a month each; one USD line of
    /// 40,000.00 in 2024-06 is an outlier.
    static func ledger() -> String {
        var text =
            "company_code,company_code_currency_key,general_ledger_fiscal_year,posting_period,"
            + "company_code_currency_value,debit_credit_ind,general_ledger_account,cost_center_id,supplier,posting_date\n"
        for period in 1...6 {
            let date = "2024-\(period < 10 ? "0" : "")\(period)-10"
            for index in 0..<40 {
                text +=
                    "DE01,EUR,2024,\(period),\(80 + (index * 7 + period) % 40).00,S,521010,C1,EU \(index % 6),\(date)\n"
                text +=
                    "US01,USD,2024,\(period),\(120 + (index * 11 + period) % 50).50,S,521010,C1,US \(index % 5),\(date)\n"
            }
        }
        text += "US01,USD,2024,6,40000.00,S,521010,C1,Big Invoice Inc,2024-06-20\n"
        return text
    }

    @Test("per-currency totals equal the ledger's, every finding is in one currency and says so")
    func twoCurrencies() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("two-currencies.csv")
        try Self.ledger().write(toFile: path, atomically: true, encoding: .utf8)
        try await TestDatabase.withFreshDatabase { _, connection in
            let report = try await BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
                .load(.init(path: path, profile: .financeExpense), on: connection)
            #expect(report.rowsLoaded == 481)
            let run = try await DetectorRunner(configuration: DetectorConfiguration(), logger: TestDatabase.logger)
                .run(on: connection)
            #expect(run.currencies == ["USD", "EUR"])
            // the currencies document against an independent sum per currency
            let expected = try await connection.rows(
                """
                SELECT company_code_currency_key, sum(amount)::text, count(*)::text FROM finance_expense
                GROUP BY 1 ORDER BY count(*) DESC
                """
            )
            let document = try #require(
                try await connection.value(
                    "SELECT document::text FROM dashboard_documents WHERE name = 'currencies' AND run_id = \(run.runID)"
                )
            )
            let entries = try #require(try JSONValue(parsing: document)["currencies"]?.arrayValue)
            let stored: [[String?]] = entries.map { entry in
                [
                    entry["currency"]?.stringValue, entry["total"]?.decimalTextValue,
                    entry["lines"]?.intValue.map { "\($0)" },
                ]
            }
            #expect(stored == expected)
            #expect(expected == [["USD", "74690.00", "241"], ["EUR", "23880.00", "240"]])
            // the outlier is a USD finding, named in USD; no sentence names the other currency
            let outlier = try await connection.rows(
                "SELECT currency, actual::text FROM findings WHERE kind = 'statistical_outlier'"
            )
            #expect(outlier == [["USD", "40000.00"]])
            for row in try await connection.rows("SELECT currency, explanation FROM findings") {
                let (currency, sentence) = (row[0] ?? "", row[1] ?? "")
                let other = currency == "USD" ? "EUR" : "USD"
                #expect(!sentence.contains(other), "\(currency) finding names \(other): \(sentence)")
                #expect(["USD", "EUR"].contains(currency))
            }
        }
    }
}
