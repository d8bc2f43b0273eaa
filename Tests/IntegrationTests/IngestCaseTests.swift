import FinrcaTestSupport
import Foundation
import Ingestor
import PostgresNIO
import Shared
import Testing

/// One malformed or tricky input and what must come of it in PostgreSQL.
struct IngestCase: CustomTestStringConvertible, Sendable {
    enum Expectation: Sendable {
        /// Rows stored, each as [supplier, company_code_currency_value, amount, debit_credit_ind,
        /// posting_period, general_ledger_fiscal_year, posting_date].
        case stored([[String?]])
        /// The (only) row rejected: column as named in the header (nil for whole-record problems) and a
        /// fragment of the reason, on this line.
        case rejected(line: Int, column: String?, reason: String)
        /// The file is refused before any row: a fragment of the error.
        case fileError(String)
    }

    var name: String
    var bytes: [UInt8]
    var profile: MappingProfile = .financeExpense
    var expectation: Expectation

    var testDescription: String { name }

    static let header =
        "posting_period,general_ledger_fiscal_year,company_code_currency_value,debit_credit_ind,supplier,posting_date\n"

    init(_ name: String, _ text: String, profile: MappingProfile = .financeExpense, _ expectation: Expectation) {
        self.name = name
        self.bytes = Array(text.utf8)
        self.profile = profile
        self.expectation = expectation
    }

    init(_ name: String, bytes: [UInt8], profile: MappingProfile = .financeExpense, _ expectation: Expectation) {
        self.name = name
        self.bytes = bytes
        self.profile = profile
        self.expectation = expectation
    }

    static func row(
        _ supplier: String?,
        _ value: String,
        _ amount: String,
        _ indicator: String,
        _ period: String = "7",
        _ year: String = "2024",
        _ date: String? = "2024-07-15"
    ) -> [String?] {
        [supplier, value, amount, indicator, period, year, date]
    }

    static let decimalComma = MappingProfile(
        name: "decimal_comma",
        extends: nil,
        delimiter: "auto",
        encoding: "utf-8",
        decimalSeparator: ",",
        thousandsSeparator: ".",
        dateFormat: "DD.MM.YYYY",
        amountSign: .indicator,
        fiscalYearStartMonth: 1,
        extraFields: .reject,
        columns: MappingProfile.financeExpense.columns
    )

    static let windows1252 = MappingProfile(
        name: "cp1252",
        delimiter: ",",
        encoding: "windows-1252",
        decimalSeparator: ".",
        thousandsSeparator: ",",
        dateFormat: "YYYY-MM-DD",
        amountSign: .indicator,
        extraFields: .reject,
        columns: MappingProfile.financeExpense.columns
    )

    static let signedByDate = MappingProfile(
        name: "signed_by_date",
        delimiter: ",",
        dateFormat: "DD/MM/YYYY",
        amountSign: .signed,
        fiscalYearStartMonth: 4,
        extraFields: .ignore,
        columns: [
            "supplier": ["Supplier Name"], "company_code_currency_value": ["Net Amount"], "posting_date": ["Paid"],
        ]
    )

    static let h = header

    static let all: [IngestCase] = [
        IngestCase(
            "plain row",
            h + "7,2024,1234.56,S,PT Alpha,2024-07-15\n",
            .stored([row("PT Alpha", "1234.56", "1234.56", "S")])
        ),
        IngestCase(
            "H is a credit, signed negative",
            h + "7,2024,1234.56,H,PT Alpha,2024-07-15\n",
            .stored([row("PT Alpha", "1234.56", "-1234.56", "H")])
        ),
        IngestCase(
            "lower-case s accepted as S",
            h + "7,2024,10,s,PT Alpha,2024-07-15\n",
            .stored([row("PT Alpha", "10.00", "10.00", "S")])
        ),
        IngestCase(
            "indicator other than S/H rejected",
            h + "7,2024,10,X,PT Alpha,2024-07-15\n",
            .rejected(line: 2, column: "debit_credit_ind", reason: "must be S (debit) or H (credit)")
        ),
        IngestCase(
            "empty indicator rejected",
            h + "7,2024,10,,PT Alpha,2024-07-15\n",
            .rejected(line: 2, column: "debit_credit_ind", reason: "indicator is empty")
        ),
        IngestCase(
            "quoted field with delimiter",
            h + "7,2024,10,S,\"PT Maju Jaya, Tbk\",2024-07-15\n",
            .stored([row("PT Maju Jaya, Tbk", "10.00", "10.00", "S")])
        ),
        IngestCase(
            "doubled quotes inside quotes",
            h + "7,2024,10,S,\"CV \"\"Sinar\"\" Abadi\",2024-07-15\n",
            .stored([row("CV \"Sinar\" Abadi", "10.00", "10.00", "S")])
        ),
        IngestCase(
            "newline inside quotes keeps later line numbers right",
            h + "7,2024,10,S,\"two\nlines\",2024-07-15\n7,2024,x,S,PT Beta,2024-07-15\n"
                + String(repeating: "7,2024,1,S,PT Gamma,2024-07-15\n", count: 200),
            .rejected(line: 4, column: "company_code_currency_value", reason: "not an amount")
        ),
        IngestCase(
            "CRLF line ends",
            "posting_period,general_ledger_fiscal_year,company_code_currency_value,debit_credit_ind,supplier,posting_date\r\n7,2024,10,S,PT Alpha,2024-07-15\r\n",
            .stored([row("PT Alpha", "10.00", "10.00", "S")])
        ),
        IngestCase(
            "UTF-8 byte order mark",
            bytes: [0xEF, 0xBB, 0xBF] + Array((h + "7,2024,10,S,PT Alpha,2024-07-15\n").utf8),
            .stored([row("PT Alpha", "10.00", "10.00", "S")])
        ),
        IngestCase(
            "no line end after the last row",
            h + "7,2024,10,S,PT Alpha,2024-07-15",
            .stored([row("PT Alpha", "10.00", "10.00", "S")])
        ),
        IngestCase(
            "blank lines skipped, not rejected",
            h + "\n7,2024,10,S,PT Alpha,2024-07-15\n\n\n",
            .stored([row("PT Alpha", "10.00", "10.00", "S")])
        ),
        IngestCase(
            "semicolon delimiter and decimal comma",
            "posting_period;general_ledger_fiscal_year;company_code_currency_value;debit_credit_ind;supplier;posting_date\n7;2024;1.234,56;S;PT Alpha;15.07.2024\n",
            profile: decimalComma,
            .stored([row("PT Alpha", "1234.56", "1234.56", "S")])
        ),
        IngestCase(
            "tab delimiter",
            h.replacingOccurrences(of: ",", with: "\t") + "7\t2024\t10\tS\tPT Alpha\t2024-07-15\n",
            .stored([row("PT Alpha", "10.00", "10.00", "S")])
        ),
        IngestCase(
            "pipe delimiter",
            h.replacingOccurrences(of: ",", with: "|") + "7|2024|10|S|PT, Alpha|2024-07-15\n",
            .stored([row("PT, Alpha", "10.00", "10.00", "S")])
        ),
        IngestCase(
            "Windows-1252 text transcoded",
            bytes: Array((h + "7,2024,10,S,Caf").utf8) + [0xE9, 0x20, 0x80] + Array(",2024-07-15\n".utf8),
            profile: windows1252,
            .stored([row("Café €", "10.00", "10.00", "S")])
        ),
        IngestCase(
            "byte undefined in Windows-1252 rejected",
            bytes: Array((h + "7,2024,10,S,Bad").utf8) + [0x81] + Array(",2024-07-15\n".utf8),
            profile: windows1252,
            .rejected(line: 2, column: "supplier", reason: "not defined in Windows-1252")
        ),
        IngestCase(
            "invalid UTF-8 rejected",
            bytes: Array((h + "7,2024,10,S,Caf").utf8) + [0xE9] + Array(",2024-07-15\n".utf8),
            .rejected(line: 2, column: "supplier", reason: "not valid UTF-8")
        ),
        IngestCase(
            "NUL byte rejected",
            bytes: Array((h + "7,2024,10,S,A").utf8) + [0x00] + Array("B,2024-07-15\n".utf8),
            .rejected(line: 2, column: "supplier", reason: "NUL byte")
        ),
        IngestCase(
            "backslash and tab stored literally",
            h + "7,2024,10,S,\"C:\\temp\tdir\",2024-07-15\n",
            .stored([row("C:\\temp\tdir", "10.00", "10.00", "S")])
        ),
        IngestCase(
            "thousands separators",
            h + "7,2024,\"1,234,567.89\",S,PT Alpha,2024-07-15\n",
            .stored([row("PT Alpha", "1234567.89", "1234567.89", "S")])
        ),
        IngestCase(
            "misplaced digit grouping rejected",
            h + "7,2024,\"12,34.00\",S,PT Alpha,2024-07-15\n",
            .rejected(line: 2, column: "company_code_currency_value", reason: "misplaced digit grouping")
        ),
        IngestCase(
            "parentheses are negative",
            h + "7,2024,(100.00),S,PT Alpha,2024-07-15\n",
            .stored([row("PT Alpha", "-100.00", "-100.00", "S")])
        ),
        IngestCase(
            "trailing minus is negative; H of a negative is positive",
            h + "7,2024,100.00-,H,PT Alpha,2024-07-15\n",
            .stored([row("PT Alpha", "-100.00", "100.00", "H")])
        ),
        IngestCase(
            "currency symbol and padding",
            h + "7,2024,\"  £1,250.5 \",S,  PT Alpha  ,2024-07-15\n",
            .stored([row("PT Alpha", "1250.50", "1250.50", "S")])
        ),
        IngestCase(
            "empty amount rejected",
            h + "7,2024,,S,PT Alpha,2024-07-15\n",
            .rejected(line: 2, column: "company_code_currency_value", reason: "amount is empty")
        ),
        IngestCase(
            "letters in amount rejected",
            h + "7,2024,12a.00,S,PT Alpha,2024-07-15\n",
            .rejected(line: 2, column: "company_code_currency_value", reason: "not an amount")
        ),
        IngestCase(
            "three decimals rejected",
            h + "7,2024,1.234,S,PT Alpha,2024-07-15\n",
            .rejected(line: 2, column: "company_code_currency_value", reason: "more than 2 decimal places")
        ),
        IngestCase(
            "trailing zero decimals accepted",
            h + "7,2024,1.230,S,PT Alpha,2024-07-15\n",
            .stored([row("PT Alpha", "1.23", "1.23", "S")])
        ),
        IngestCase(
            "scientific notation rejected",
            h + "7,2024,1.5E+05,S,PT Alpha,2024-07-15\n",
            .rejected(line: 2, column: "company_code_currency_value", reason: "scientific notation")
        ),
        IngestCase(
            "amount beyond NUMERIC(15,2) rejected",
            h + "7,2024,12345678901234.00,S,PT Alpha,2024-07-15\n",
            .rejected(line: 2, column: "company_code_currency_value", reason: "too large")
        ),
        IngestCase(
            "largest NUMERIC(15,2) accepted",
            h + "7,2024,9999999999999.99,H,PT Alpha,2024-07-15\n",
            .stored([row("PT Alpha", "9999999999999.99", "-9999999999999.99", "H")])
        ),
        IngestCase(
            "special period 13 accepted",
            h + "13,2024,10,S,PT Alpha,2024-12-31\n",
            .stored([row("PT Alpha", "10.00", "10.00", "S", "13", "2024", "2024-12-31")])
        ),
        IngestCase(
            "period 17 rejected",
            h + "17,2024,10,S,PT Alpha,2024-07-15\n",
            .rejected(line: 2, column: "posting_period", reason: "between 1 and 16")
        ),
        IngestCase(
            "two-digit year rejected",
            h + "7,24,10,S,PT Alpha,2024-07-15\n",
            .rejected(line: 2, column: "general_ledger_fiscal_year", reason: "between 1900 and 2999")
        ),
        IngestCase(
            "impossible date rejected",
            h + "7,2024,10,S,PT Alpha,2024-02-30\n",
            .rejected(line: 2, column: "posting_date", reason: "not a valid calendar date")
        ),
        IngestCase(
            "leap day accepted",
            h + "2,2024,10,S,PT Alpha,2024-02-29\n",
            .stored([row("PT Alpha", "10.00", "10.00", "S", "2", "2024", "2024-02-29")])
        ),
        IngestCase(
            "too few fields rejected",
            h + "7,2024,10,S,PT Alpha\n",
            .rejected(line: 2, column: nil, reason: "has 5 fields, the header has 6")
        ),
        IngestCase(
            "too many fields rejected",
            h + "7,2024,10,S,PT Alpha,2024-07-15,extra\n",
            .rejected(line: 2, column: nil, reason: "has 7 fields, the header has 6")
        ),
        IngestCase(
            "unclosed quote rejected",
            h + "7,2024,10,S,\"PT Alpha,2024-07-15\n",
            .rejected(line: 2, column: nil, reason: "unclosed quoted field")
        ),
        IngestCase(
            "text after closing quote rejected",
            h + "7,2024,10,S,\"PT Alpha\"x,2024-07-15\n",
            .rejected(line: 2, column: nil, reason: "text after a closing quote")
        ),
        IngestCase(
            "signed amounts, period from date, UK April fiscal year",
            "Supplier Name,Net Amount,Paid\nAcme Ltd,-250.00,05/03/2023,#N/A\nAcme Ltd,99.50,05/04/2023\n",
            profile: signedByDate,
            .stored([
                row("Acme Ltd", "250.00", "-250.00", "H", "12", "2022", "2023-03-05"),
                row("Acme Ltd", "99.50", "99.50", "S", "1", "2023", "2023-04-05"),
            ])
        ),
        IngestCase(
            "SAP export: DD.MM.YYYY, POPER 007, SHKZG",
            "BUKRS;GJAHR;POPER;BUDAT;HKONT;SHKZG;DMBTR;LIFNR\n1000;2024;007;15.07.2024;510000;H;\"1,000.00\";V100\n",
            profile: .sap,
            .stored([row("V100", "1000.00", "-1000.00", "H", "7", "2024", "2024-07-15")])
        ),
        IngestCase(
            "SAP initial date 00000000 stored as NULL",
            "BUKRS|GJAHR|MONAT|BUDAT|SHKZG|DMBTR|LIFNR\n1000|2024|7|00000000|S|5.00|V1\n",
            profile: MappingProfile(
                name: "sap_compact",
                extends: nil,
                delimiter: "|",
                dateFormat: "YYYYMMDD",
                amountSign: .indicator,
                extraFields: .ignore,
                columns: MappingProfile.sap.columns
            ),
            .stored([row("V1", "5.00", "5.00", "S", "7", "2024", nil)])
        ),
        IngestCase(
            "12,000 rows of the largest amount: refused at the row whose amount no control total can hold",
            "posting_period,general_ledger_fiscal_year,company_code_currency_value,debit_credit_ind\n"
                + String(repeating: "7,2024,9999999999999.99,S\n", count: 12_000),
            .fileError("9225: column company_code_currency_value: the file's amounts add up to more than")
        ),
        IngestCase("header only: nothing to load", h, .stored([])),
        IngestCase("empty file refused", "", .fileError("file is empty")),
        IngestCase(
            "header without a required column refused",
            "posting_period,general_ledger_fiscal_year,debit_credit_ind\n7,2024,S\n",
            .fileError("required column company_code_currency_value not found")
        ),
    ]
}

@Suite("Ingest of malformed and tricky inputs, against the real PostgreSQL", .needsDatabase)
struct IngestCaseTests {
    @Test("every case stores the expected values or rejects with the expected reason")
    func cases() async throws {
        #expect(IngestCase.all.count >= 30)
        let folder = try TemporaryFolder()
        try await TestDatabase.withFreshDatabase { _, connection in
            let loader = BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
            for (index, testCase) in IngestCase.all.enumerated() {
                let path = try folder.write("case-\(index).csv", testCase.bytes)
                let comment = Comment(rawValue: testCase.name)
                switch testCase.expectation {
                case .stored(let rows):
                    let report = try await loader.load(.init(path: path, profile: testCase.profile), on: connection)
                    #expect(report.status == .loaded, comment)
                    #expect(report.rowsRejected == 0, "\(testCase.name): \(report.rejectsSample)")
                    let stored = try await connection.rows(
                        """
                        SELECT supplier, company_code_currency_value::text, amount::text, debit_credit_ind,
                               posting_period::text, general_ledger_fiscal_year::text, posting_date::text
                        FROM finance_expense WHERE batch_id = \(report.batchID) ORDER BY source_line
                        """
                    )
                    #expect(stored == rows, comment)
                case .rejected(let line, let column, let reason):
                    let report = try await loader.load(.init(path: path, profile: testCase.profile), on: connection)
                    let rejects = try await connection.rows(
                        "SELECT line::text, column_name, reason FROM ingest_rejects WHERE batch_id = \(report.batchID)"
                    )
                    #expect(rejects.count == 1, comment)
                    #expect(rejects.first?[0] == String(line), comment)
                    #expect(rejects.first?[1] == column, comment)
                    #expect(rejects.first?[2]?.contains(reason) == true, "\(testCase.name): \(rejects)")
                    let storedForBatch = try await connection.value(
                        "SELECT count(*)::text FROM finance_expense WHERE batch_id = \(report.batchID)"
                    )
                    #expect(storedForBatch == String(report.rowsLoaded), comment)
                case .fileError(let fragment):
                    await #expect(
                        performing: {
                            _ = try await loader.load(.init(path: path, profile: testCase.profile), on: connection)
                        },
                        throws: { error in
                            "\(error)".contains(fragment) && "\(error)".contains(path)
                        }
                    )
                }
            }
        }
    }
}
