/// A minimal RFC 4180 reader for the case files: comma separated, `"` quoting with `""` as an escaped quote
/// (a quote opens quoting only at the start of a field), LF or CRLF line ends, a leading byte-order mark ignored,
/// blank lines skipped. It works on UTF-8 bytes, so that a case of tens of thousands of rows reads in
/// milliseconds.
enum RootCauseCSV {
    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"),
        lf = UInt8(ascii: "\n")

    /// The records of `text`, each a list of unquoted fields.
    static func records(in text: String) -> [[String]] {
        records(in: Array(text.utf8))
    }

    /// The records of UTF-8 `bytes`, each a list of unquoted fields.
    static func records(in bytes: [UInt8]) -> [[String]] {
        var records: [[String]] = []
        scan(bytes) { records.append($0) }
        return records
    }

    /// The header and the columns of UTF-8 `bytes`: `columns[c][r]` is field `c` of data record `r + 1`.
    /// - Throws: `RootCauseCaseFileError.noHeader` for no records, `.ragged` for a record whose field count
    ///   differs from the header's (`row` counts data records from 1).
    static func columns(in bytes: [UInt8]) throws -> (header: [String], columns: [[String]]) {
        var header: [String]?
        var columns: [[String]] = []
        var rows = 0
        var failure: RootCauseCaseFileError?
        scan(bytes) { record in
            guard failure == nil else { return }
            guard let header else {
                header = record
                columns = Array(repeating: [], count: record.count)
                return
            }
            rows += 1
            guard record.count == header.count else {
                failure = .ragged(row: rows, fields: record.count, expected: header.count)
                return
            }
            for (index, field) in record.enumerated() { columns[index].append(field) }
        }
        if let failure { throw failure }
        guard let header else { throw RootCauseCaseFileError.noHeader }
        return (header, columns)
    }

    /// Calls `body` with each record that is not blank (a single empty field), in order. The record array is
    /// reused between calls.
    private static func scan(_ bytes: [UInt8], _ body: ([String]) -> Void) {
        var record: [String] = []
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let end = bytes.count

        func endRecord() {
            if !(record.count == 1 && record[0].isEmpty) { body(record) }
            record.removeAll(keepingCapacity: true)
        }
        func isDelimiter(_ byte: UInt8) -> Bool { byte == comma || byte == lf || byte == cr }

        while index < end {
            if bytes[index] == quote {
                var value: [UInt8] = []
                index += 1
                while index < end {
                    if bytes[index] == quote {
                        guard index + 1 < end, bytes[index + 1] == quote else {
                            index += 1
                            break
                        }
                        index += 1
                    }
                    value.append(bytes[index])
                    index += 1
                }
                while index < end, !isDelimiter(bytes[index]) {
                    value.append(bytes[index])
                    index += 1
                }
                record.append(String(decoding: value, as: UTF8.self))
            } else {
                let start = index
                while index < end, !isDelimiter(bytes[index]) { index += 1 }
                record.append(String(decoding: bytes[start..<index], as: UTF8.self))
            }
            guard index < end else { break }
            let delimiter = bytes[index]
            index += 1
            if delimiter == comma {
                if index == end { record.append("") }
                continue
            }
            if delimiter == cr, index < end, bytes[index] == lf { index += 1 }
            endRecord()
        }
        if !record.isEmpty { endRecord() }
    }
}
