import Foundation
import Shared

/// A CSV file parsed by a small, independent RFC 4180 reader, with column lookup by ``FinanceExpenseColumn``.
struct CSVTable: Sendable {
    /// Every record, the header included, as text fields.
    let records: [[String]]
    private let columnIndex: [FinanceExpenseColumn: Int]

    /// The Gregorian calendar in UTC, for checking posting dates independently of the generator.
    static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Parses RFC 4180 text: `,` separators, records ended by `\n` (or `\r\n`), fields optionally quoted with
    /// `"` and `""` standing for a quote inside a quoted field.
    init(parsing bytes: [UInt8]) throws {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var index = 0
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard field.isEmpty else { throw CSVError.quoteInsideUnquotedField(record: records.count + 1) }
                inQuotes = true
            case UInt8(ascii: ","):
                endField()
            case UInt8(ascii: "\r") where index < bytes.count && bytes[index] == UInt8(ascii: "\n"):
                break
            case UInt8(ascii: "\n"):
                endField()
                records.append(record)
                record.removeAll(keepingCapacity: true)
            default:
                field.append(byte)
            }
        }
        guard !inQuotes else { throw CSVError.unterminatedQuote }
        guard field.isEmpty, record.isEmpty else { throw CSVError.missingFinalLineBreak }
        self.records = records
        let header = records.first ?? []
        columnIndex = Dictionary(
            uniqueKeysWithValues: FinanceExpenseColumn.allCases.compactMap { column in
                header.firstIndex(of: column.rawValue).map { (column, $0) }
            }
        )
    }

    /// The header record.
    var header: [String] { records.first ?? [] }

    /// The data records, in file order.
    var dataRows: ArraySlice<[String]> { records.dropFirst() }

    /// The record on physical line `line` (the header is line 1).
    func record(atLine line: Int) -> [String] { records[line - 1] }

    /// The value of `column` in `record`.
    func value(_ column: FinanceExpenseColumn, in record: [String]) -> String {
        record[columnIndex[column]!]
    }

    /// The positive amount of `record` in minor units.
    func amount(of record: [String]) -> Int64 {
        Money(decimalText: value(.companyCodeCurrencyValue, in: record))!.minorUnits
    }

    /// The amount with the debit/credit rule applied: `S` = +value, `H` = −value.
    func signedAmount(of record: [String]) -> Int64 {
        value(.debitCreditInd, in: record) == "H" ? -amount(of: record) : amount(of: record)
    }

    /// The `posting_date` of `record` at midnight UTC, or nil when it is not a valid `YYYY-MM-DD` date.
    func postingDate(of record: [String]) -> Date? {
        let parts = value(.postingDate, in: record).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard components.isValidDate(in: Self.utcCalendar) else { return nil }
        return Self.utcCalendar.date(from: components)
    }

    /// The `YYYY-PP` label of the period before `label`.
    static func periodLabel(before label: String) -> String? {
        let parts = label.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return nil }
        let (year, period) = parts[1] == 1 ? (parts[0] - 1, 12) : (parts[0], parts[1] - 1)
        return "\(year)-\(period < 10 ? "0" : "")\(period)"
    }

    /// `YYYY-PP` of `record`, from its fiscal year and posting period.
    func periodLabel(of record: [String]) -> String {
        let period = Int(value(.postingPeriod, in: record))!
        return "\(value(.generalLedgerFiscalYear, in: record))-\(period < 10 ? "0" : "")\(period)"
    }

}

enum CSVError: Error {
    case quoteInsideUnquotedField(record: Int)
    case unterminatedQuote
    case missingFinalLineBreak
}
