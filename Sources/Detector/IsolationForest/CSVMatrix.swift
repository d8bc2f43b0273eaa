import Foundation

/// Reads and writes plain numeric CSV: one row per line, fields separated by commas, every field a finite
/// decimal number. A first line with a field that is not a finite number is a header and is skipped. Blank
/// lines are ignored; `\r\n` line ends and blanks around fields are accepted. There is no quoting.
public enum CSVMatrix {
    /// Reads the numeric CSV file at `path` into a matrix.
    public static func read(path: String) throws(CSVMatrixError) -> FeatureMatrix {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        return try parse(Array(data))
    }

    /// Parses numeric CSV text into a matrix.
    public static func parse(_ text: String) throws(CSVMatrixError) -> FeatureMatrix {
        try parse(Array(text.utf8))
    }

    /// Writes `matrix` to `path` as numeric CSV without a header, every value in full precision (the shortest
    /// text that reads back as the same `Double`).
    public static func write(_ matrix: FeatureMatrix, path: String) throws(CSVMatrixError) {
        guard FileManager.default.createFile(atPath: path, contents: Data(format(matrix).utf8)) else {
            throw .unwritable(path: path)
        }
    }

    /// `matrix` as numeric CSV text without a header, every value in full precision, each row ending in `\n`.
    public static func format(_ matrix: FeatureMatrix) -> String {
        var text = ""
        text.reserveCapacity(matrix.values.count * 20)
        for row in 0..<matrix.rows {
            for column in 0..<matrix.columns {
                if column > 0 { text += "," }
                text += matrix[row, column].description
            }
            text += "\n"
        }
        return text
    }

    /// Parses the bytes of a numeric CSV file, line by line, into a matrix.
    private static func parse(_ bytes: [UInt8]) throws(CSVMatrixError) -> FeatureMatrix {
        var values: [Double] = []
        var columns: Int?
        var rows = 0
        var lineNumber = 0
        var fields: [Range<Int>] = []
        var lineStart = 0
        while lineStart < bytes.count {
            lineNumber += 1
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            fields.removeAll(keepingCapacity: true)
            var fieldStart = lineStart
            for index in lineStart..<lineEnd where bytes[index] == UInt8(ascii: ",") {
                fields.append(trimmed(fieldStart..<index, in: bytes))
                fieldStart = index + 1
            }
            fields.append(trimmed(fieldStart..<lineEnd, in: bytes))
            lineStart = lineEnd + 1

            if fields.count == 1 && fields[0].isEmpty { continue }
            if columns == nil {
                columns = fields.count
                if fields.contains(where: { number(in: bytes, at: $0) == nil }) { continue }
            }
            guard fields.count == columns else {
                throw .wrongFieldCount(line: lineNumber, expected: columns ?? 0, found: fields.count)
            }
            for (index, field) in fields.enumerated() {
                guard let number = number(in: bytes, at: field) else {
                    let text = String(decoding: bytes[field], as: UTF8.self)
                    throw .notAFiniteNumber(line: lineNumber, field: index + 1, text: text)
                }
                values.append(number)
            }
            rows += 1
        }
        return FeatureMatrix(rows: rows, columns: columns ?? 0, values: values)
    }

    /// `field` without the blanks, tabs and carriage returns at its ends.
    private static func trimmed(_ field: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        func isBlank(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
        }
        var (start, end) = (field.lowerBound, field.upperBound)
        while start < end && isBlank(bytes[start]) { start += 1 }
        while end > start && isBlank(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    /// The finite number that `bytes[field]` spells, or `nil`.
    private static func number(in bytes: [UInt8], at field: Range<Int>) -> Double? {
        guard let value = Double(String(decoding: bytes[field], as: UTF8.self)), value.isFinite else { return nil }
        return value
    }
}

/// Why ``CSVMatrix`` could not read or write a file.
public enum CSVMatrixError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(path: String)
    /// The file could not be created or written.
    case unwritable(path: String)
    /// A line has a different number of fields than the first line.
    case wrongFieldCount(line: Int, expected: Int, found: Int)
    /// A field (counted from 1) is not a finite decimal number.
    case notAFiniteNumber(line: Int, field: Int, text: String)

    /// A one-line explanation for a person.
    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read \(path)"
        case .unwritable(let path): "cannot write \(path)"
        case .wrongFieldCount(let line, let expected, let found):
            "line \(line) has \(found) fields, expected \(expected)"
        case .notAFiniteNumber(let line, let field, let text):
            "line \(line), field \(field): \"\(text)\" is not a finite number"
        }
    }
}
