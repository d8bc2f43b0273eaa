import Foundation
import Shared

@testable import Ingestor

/// One input of the ingest fuzzer (`Benchmarks/fuzz`) and of its regression fixtures
/// (`Tests/IngestorTests/Fixtures/fuzz/*.input`): byte 0 picks a mapping profile, byte 1 the size of the pieces
/// the file is read in (1–256 bytes, to move record boundaries across reads), the rest is the file.
///
/// ``run()`` streams the file through the CSV reader, the transcoder and the field parsers as a load does, and
/// checks what the database would otherwise check: every COPY row has 33 columns, is valid UTF-8 without NUL,
/// has a fiscal year in 1900–2999 and a period in 1–16, and the rows and signed amounts of the COPY text equal
/// the control totals, as do those of the slice totals by each dimension; rows read = accepted + rejected.
///
/// This file is compiled into the fuzzer as well (its imports removed), so keep it free of `Testing`.
struct FuzzCase {
    /// What came of the input: a file error, or rows accepted and rejected.
    var outcome: String
    /// Invariants that did not hold (empty when all held).
    var violations: [String]

    /// The profiles byte 0 chooses from (modulo their count).
    static let profiles: [MappingProfile] = [
        .financeExpense,
        .sap,
        MappingProfile(
            name: "decimal_comma",
            delimiter: "auto",
            decimalSeparator: ",",
            thousandsSeparator: ".",
            dateFormat: "DD.MM.YYYY",
            columns: MappingProfile.financeExpense.columns
        ),
        MappingProfile(
            name: "cp1252",
            delimiter: ",",
            encoding: "windows-1252",
            columns: MappingProfile.financeExpense.columns
        ),
        MappingProfile(
            name: "council_by_date",
            delimiter: ",",
            dateFormat: "DD/MM/YYYY",
            amountSign: .signed,
            fiscalYearStartMonth: 4,
            extraFields: .ignore,
            columns: [
                "supplier": ["Supplier Name"], "company_code_currency_value": ["Net Amount", "Total"],
                "posting_date": ["Paid", "Paid Date"], "directorate": ["Directorate"],
            ],
            constants: ["company_code_currency_key": "GBP"]
        ),
        MappingProfile(
            name: "sap_compact",
            delimiter: "|",
            dateFormat: "YYYYMMDD",
            extraFields: .ignore,
            columns: MappingProfile.sap.columns
        ),
        MappingProfile(
            name: "period_in_name",
            delimiter: "auto",
            thousandsSeparator: "'",
            dateFormat: "MM/DD/YYYY",
            amountSign: .signed,
            columns: ["supplier": ["Supplier"], "company_code_currency_value": ["Amount"], "posting_date": ["Date"]],
            periodFromFileName: #"(?<year>\d{4})-P(?<period>\d{1,2})"#
        ),
        MappingProfile(
            name: "spaces_iso",
            delimiter: ";",
            decimalSeparator: ",",
            thousandsSeparator: "space",
            amountSign: .signed,
            fiscalYearStartMonth: 7,
            columns: [
                "supplier": ["supplier"], "company_code_currency_value": ["amount"], "posting_date": ["date"],
            ]
        ),
    ]

    /// The name the file is read under (the `period_in_name` profile takes fiscal year and period from it).
    static let fileName = "fuzz-2024-P07.csv"

    private static let columnCount = FinanceExpenseColumn.allCases.count + 2
    private static let valueIndex = FinanceExpenseColumn.allCases.firstIndex(of: .companyCodeCurrencyValue) ?? 0
    private static let indicatorIndex = FinanceExpenseColumn.allCases.firstIndex(of: .debitCreditInd) ?? 0
    private static let yearIndex = FinanceExpenseColumn.allCases.firstIndex(of: .generalLedgerFiscalYear) ?? 0
    private static let periodIndex = FinanceExpenseColumn.allCases.firstIndex(of: .postingPeriod) ?? 0

    /// Runs one input.
    init(_ input: [UInt8]) {
        let profile = Self.profiles[Int(input.first ?? 0) % Self.profiles.count]
        let pieceSize = Int(input.count > 1 ? input[1] : 255) + 1
        let file = Array(input.dropFirst(2))
        var violations: [String] = []
        var copyRows = 0
        var copyYears: [Int: TranscodeTotals.YearTotal] = [:]
        do {
            let transcoder = try ExtractTranscoder(
                source: MemoryByteSource(file, pieceSize: pieceSize),
                head: Array(file.prefix(65_536)),
                profile: profile,
                fileName: Self.fileName,
                batchID: 1,
                chunkBytes: 4_096,
                maxStoredRejects: 1_000,
                observe: { _ in }
            )
            while try transcoder.nextChunkNow({ bytes, year in
                Self.check(bytes, year: year, rows: &copyRows, years: &copyYears, violations: &violations)
            }) != nil {}
            let totals = transcoder.totals
            if totals.rowsRead != totals.rowsAccepted + totals.rowsRejected {
                violations.append("rows read \(totals.rowsRead) ≠ accepted \(totals.rowsAccepted) + rejected")
            }
            if copyRows != totals.rowsAccepted {
                violations.append("\(copyRows) COPY rows, \(totals.rowsAccepted) accepted")
            }
            if copyYears != totals.years {
                violations.append("COPY totals \(copyYears) ≠ control totals \(totals.years)")
            }
            let slices = transcoder.slices.totals()
            for dimension in [nil] + LedgerDimension.slices {
                let years = Dictionary(grouping: slices.filter { $0.dimension == dimension }, by: \.fiscalYear)
                    .mapValues { totals in
                        TranscodeTotals.YearTotal(
                            rows: totals.reduce(0) { $0 + $1.lines },
                            minorUnits: totals.reduce(0) { $0 + $1.minorUnits }
                        )
                    }
                if years != totals.years {
                    violations.append("slice totals by \(dimension?.rawValue ?? "batch") \(years) ≠ \(totals.years)")
                }
            }
            var lines = ["profile \(profile.name): \(totals.rowsAccepted) accepted, \(totals.rowsRejected) rejected"]
            for year in totals.years.keys.sorted() {
                let total = totals.years[year] ?? .init(rows: 0, minorUnits: 0)
                lines.append("year \(year): \(total.rows) rows, \(Money(minorUnits: total.minorUnits))")
            }
            for row in transcoder.rejects {
                lines.append("line \(row.line)\(row.column.map { ", column \($0)" } ?? ""): \(row.reason)")
            }
            outcome = lines.joined(separator: "\n")
        } catch let error as IngestFileError {
            outcome = "profile \(profile.name): file error: \(error)"
        } catch let error as MappingError {
            outcome = "profile \(profile.name): mapping error: \(error)"
        } catch {
            outcome = "profile \(profile.name): unexpected error: \(String(reflecting: error))"
            violations.append("an error that names no file, line or reason: \(String(reflecting: error))")
        }
        self.violations = violations
    }

    /// Checks one COPY chunk of fiscal year `year` and adds its rows and signed amounts to `years`.
    private static func check(
        _ bytes: UnsafeRawBufferPointer,
        year: Int,
        rows: inout Int,
        years: inout [Int: TranscodeTotals.YearTotal],
        violations: inout [String]
    ) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            violations.append("COPY text of \(year) is not valid UTF-8")
            return
        }
        if bytes.contains(0) { violations.append("COPY text of \(year) holds a NUL byte") }
        if bytes.last != 0x0A { violations.append("COPY chunk of \(year) does not end with a line end") }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            rows += 1
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == columnCount else {
                violations.append("COPY row with \(fields.count) columns: \(line.prefix(200))")
                continue
            }
            // A negative value with an indicator is legal ("100.00-" with H stores -100.00, amount +100.00).
            guard let value = Money(decimalText: fields[valueIndex]),
                let rowYear = Int(fields[yearIndex]), rowYear == year, Schema.fiscalYears.contains(rowYear),
                let period = Int(fields[periodIndex]), (1...16).contains(period)
            else {
                violations.append("COPY row with a wrong value, year or period: \(line.prefix(200))")
                continue
            }
            let signed = fields[indicatorIndex] == "H" ? -value.minorUnits : value.minorUnits
            years[year, default: .init(rows: 0, minorUnits: 0)].rows += 1
            years[year, default: .init(rows: 0, minorUnits: 0)].minorUnits += signed
        }
    }
}
