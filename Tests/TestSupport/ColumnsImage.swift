public import Detector

/// Every column of a read and every dictionary value by code (as bytes: Swift's `String` equality would take two
/// spellings of one value as the same), to compare two reads exactly.
public struct ColumnsImage: Equatable, Sendable, CustomStringConvertible {
    /// Batch, source line, amount, fiscal year, period and posting day of every line.
    public var rows: [[Int64]]
    /// Every dimension's codes, then the references' and the account types'.
    public var codes: [[Int32]]
    /// Per dictionary, in the order of `codes`: every code's value as UTF-8 bytes (nil: no value).
    public var values: [[[UInt8]?]]

    /// The image of `columns`.
    public init(_ columns: LedgerColumns) {
        rows = [
            columns.batchID, columns.sourceLine, columns.amount, columns.fiscalYear.map(Int64.init),
            columns.period.map(Int64.init), columns.postingDay.map(Int64.init),
        ]
        codes = columns.dimensionCodes + [columns.reference, columns.accountType]
        values = (columns.dictionaries + [columns.references, columns.accountTypes])
            .map { dictionary in
                (0..<Int32(dictionary.count)).map { dictionary.value($0).map { Array($0.utf8) } }
            }
    }

    /// The number of rows and of codes per dictionary.
    public var description: String { "\(rows.first?.count ?? 0) rows, \(values.map(\.count)) codes" }
}
