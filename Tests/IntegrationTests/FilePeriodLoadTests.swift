import FinrcaTestSupport
import Foundation
import Ingestor
import PostgresNIO
import Shared
import Testing

/// Files whose rows carry no period, through the real load.
@Suite("Periods from the file name or --period, through the real load", .needsDatabase)
struct FilePeriodLoadTests {
    static let council = MappingProfile(
        name: "council13",
        amountSign: .signed,
        extraFields: .reject,
        columns: ["supplier": ["Supplier"], "company_code_currency_value": ["Amount"], "posting_date": ["Paid"]],
        constants: ["company_code_currency_key": "GBP"],
        periodFromFileName: #"(?<year>\d{4})-P(?<period>\d{1,2})"#
    )

    @Test("P13 in the file name: every row lands in 2019-13, rows without a date are valid and keep no date")
    func fromFileName() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(
            "spend-2019-P13.csv",
            Array("Supplier,Amount,Paid\nA Ltd,100.00,\nB Ltd,-20.50,2020-03-31\n".utf8)
        )
        try await TestDatabase.withFreshDatabase { _, connection in
            let report = try await BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
                .load(.init(path: path, profile: Self.council), on: connection)
            #expect(report.status == .loaded && report.rowsLoaded == 2 && report.rowsRejected == 0)
            let rows = try await connection.rows(
                """
                SELECT supplier, general_ledger_fiscal_year::text, posting_period::text, posting_date::text, amount::text
                FROM finance_expense ORDER BY source_line
                """
            )
            #expect(
                rows == [["A Ltd", "2019", "13", nil, "100.00"], ["B Ltd", "2019", "13", "2020-03-31", "-20.50"]]
            )
        }
    }

    @Test(
        "a name without the period is refused naming the pattern; --period loads it; --period on period columns is refused"
    )
    func commandLine() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("march.csv", Array("Supplier,Amount,Paid\nA Ltd,100.00,\n".utf8))
        let columns = try folder.write(
            "columns.csv",
            Array(
                "posting_period,general_ledger_fiscal_year,company_code_currency_value,debit_credit_ind\n7,2024,1.00,S\n"
                    .utf8
            )
        )
        try await TestDatabase.withFreshDatabase { _, connection in
            let loader = BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
            await #expect(
                performing: { _ = try await loader.load(.init(path: path, profile: Self.council), on: connection) },
                throws: { "\($0)".contains("does not match period_from_file_name") && "\($0)".contains(path) }
            )
            let report = try await loader.load(
                .init(path: path, profile: Self.council, period: FiscalPeriod(year: 2018, period: 13)),
                on: connection
            )
            #expect(report.status == .loaded && report.fiscalYears.keys.sorted() == ["2018"])
            #expect(try await connection.value("SELECT posting_period::text FROM finance_expense") == "13")
            await #expect(
                performing: {
                    _ = try await loader.load(
                        .init(path: columns, profile: .financeExpense, period: FiscalPeriod(year: 2018, period: 13)),
                        on: connection
                    )
                },
                throws: { "\($0)".contains("--period is only for files whose rows carry none") }
            )
        }
    }

    @Test("a row dated 1900-01-01 in an April fiscal year is rejected with its line and column, the rest is loaded")
    func placeholderDate() async throws {
        let folder = try TemporaryFolder()
        var text = "Supplier,Amount,Paid\n"
        for index in 0..<150 { text += "S\(index),10.00,2022-05-0\(index % 9 + 1)\n" }
        text += "No Date Ltd,99.00,1900-01-01\n"
        let path = try folder.write("2022-05.csv", Array(text.utf8))
        var profile = Self.council
        profile.periodFromFileName = nil
        profile.fiscalYearStartMonth = 4
        try await TestDatabase.withFreshDatabase { _, connection in
            let report = try await BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
                .load(.init(path: path, profile: profile), on: connection)
            #expect(report.status == .loaded && report.rowsLoaded == 150 && report.rowsRejected == 1)
            let reject = try await connection.rows("SELECT line::text, column_name, reason FROM ingest_rejects")
            #expect(reject == [["152", "Paid", "posting date gives fiscal year 1899, outside 1900–2999"]])
        }
    }
}
