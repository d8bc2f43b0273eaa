import Foundation

/// Streams CSV records to a file through a buffer of about 1 MiB, so that memory stays flat however many
/// rows are written.
struct CSVFileWriter {
    private static let chunkSize = 1 << 20

    private let handle: FileHandle
    private var buffer: [UInt8] = []

    /// Creates (or truncates) the file at `path`.
    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw SampleGeneratorError.cannotCreateFile(path)
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        buffer.reserveCapacity(Self.chunkSize + 64 * 1024)
    }

    /// Appends an encoded field.
    mutating func append(_ field: borrowing CSVField) {
        field.bytes.withUnsafeBufferPointer { buffer.append(contentsOf: $0) }
    }

    /// Appends the field separator.
    mutating func appendSeparator() {
        buffer.append(.comma)
    }

    /// Appends a non-negative integer in decimal.
    mutating func appendInteger(_ value: Int) {
        appendDigits(of: UInt64(value), minimumCount: 1)
    }

    /// Appends a non-negative amount of minor units as a decimal with two places, e.g. `1234.05`.
    mutating func appendAmount(minorUnits: Int64) {
        precondition(minorUnits >= 0, "amounts in the value column are positive")
        appendDigits(of: UInt64(minorUnits / 100), minimumCount: 1)
        buffer.append(.period)
        appendDigits(of: UInt64(minorUnits % 100), minimumCount: 2)
    }

    /// Ends the record with `\n` and hands the buffer to the file once it holds a full chunk.
    mutating func endRecord() throws {
        buffer.append(.lineFeed)
        if buffer.count >= Self.chunkSize {
            try flush()
        }
    }

    /// Writes what is buffered and closes the file.
    mutating func close() throws {
        try flush()
        try handle.close()
    }

    private mutating func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Appends the decimal digits of `value`, left-padded with zeros to `minimumCount` digits.
    private mutating func appendDigits(of value: UInt64, minimumCount: Int) {
        let start = buffer.count
        var rest = value
        repeat {
            buffer.append(.zero + UInt8(rest % 10))
            rest /= 10
        } while rest > 0 || buffer.count - start < minimumCount
        buffer[start...].reverse()
    }
}
