import CompressNIO
import Foundation
import NIOCore

/// Reads one root-cause case in the Squeeze/RiskLoc CSV layout, plain or gzip-compressed (as the Squeeze B0
/// cases, `<timestamp>.csv.gz`).
///
/// The header names the columns. `real`, `predict` are the actual and expected measure; when `real_a`, `real_b`,
/// `predict_a`, `predict_b` are all present the measure is derived (`real = real_a / real_b`) and those four
/// columns are used instead. Every other column is a dimension, in header order. Fields may be quoted (RFC 4180).
public enum RootCauseCaseFile {
    /// The measure columns; every other column is a dimension.
    static let measureColumns: Set<String> = ["real", "predict", "real_a", "real_b", "predict_a", "predict_b"]

    /// The table in the file at `path`.
    /// - Throws: `RootCauseCaseFileError`, or `RootCauseTableError` for inconsistent contents.
    public static func read(path: String) throws -> RootCauseTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RootCauseCaseFileError.unreadable(path)
        }
        let bytes = [UInt8](data)
        guard bytes.starts(with: [0x1F, 0x8B]) else { return try parse(bytes: bytes) }
        var compressed = ByteBuffer(bytes: bytes)
        // A member ends with the inflated size modulo 2³² (little-endian); a truncated file fails that check.
        let size = bytes.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        guard bytes.count >= 18, let inflated = try? compressed.decompress(with: .gzip()),
            inflated.readableBytes % (1 << 32) == size
        else {
            throw RootCauseCaseFileError.corruptGzip(path)
        }
        return try parse(bytes: Array(inflated.readableBytesView))
    }

    /// The table in CSV `text`.
    /// - Throws: `RootCauseCaseFileError`, or `RootCauseTableError` for inconsistent contents.
    public static func parse(_ text: String) throws -> RootCauseTable {
        try parse(bytes: Array(text.utf8))
    }

    /// The table in UTF-8 CSV `bytes`.
    private static func parse(bytes: [UInt8]) throws -> RootCauseTable {
        let (header, columns) = try RootCauseCSV.columns(in: bytes)
        let column = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let dimensionColumns = header.indices.filter { !measureColumns.contains(header[$0]) }
        let isDerived = ["real_a", "predict_a", "real_b", "predict_b"].allSatisfy { column[$0] != nil }

        func numbers(_ name: String) throws -> [Double] {
            guard let index = column[name] else { throw RootCauseCaseFileError.missingColumn(name) }
            return try columns[index].enumerated()
                .map { row, text in
                    guard let value = Double(text), value.isFinite else {
                        throw RootCauseCaseFileError.badNumber(row: row + 1, column: name, text: text)
                    }
                    return value
                }
        }

        return try RootCauseTable(
            dimensions: dimensionColumns.map { header[$0] },
            columns: dimensionColumns.map { columns[$0] },
            actual: try numbers(isDerived ? "real_a" : "real"),
            expected: try numbers(isDerived ? "predict_a" : "predict"),
            actualDenominator: isDerived ? try numbers("real_b") : nil,
            expectedDenominator: isDerived ? try numbers("predict_b") : nil
        )
    }
}

/// Why a case file could not be read.
public enum RootCauseCaseFileError: Error, Equatable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case unreadable(String)
    /// The file starts like gzip but does not inflate.
    case corruptGzip(String)
    /// The file is empty.
    case noHeader
    /// A required measure column is absent.
    case missingColumn(String)
    /// A measure field is not a finite number (`row` counts data rows from 1).
    case badNumber(row: Int, column: String, text: String)
    /// A data row has the wrong number of fields.
    case ragged(row: Int, fields: Int, expected: Int)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read \(path)"
        case .corruptGzip(let path): "\(path) is not a valid gzip file"
        case .noHeader: "the file has no header line"
        case .missingColumn(let name): "column \(name) is missing"
        case .badNumber(let row, let column, let text): "row \(row), column \(column): \"\(text)\" is not a number"
        case .ragged(let row, let fields, let expected): "row \(row) has \(fields) fields, the header \(expected)"
        }
    }
}
