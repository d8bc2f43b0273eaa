/// RFC 2045 quoted-printable encoding of text bodies.
enum QuotedPrintable {
    /// Encoded lines are at most this long, soft line break included.
    static let maxLineLength = 76

    /// Encodes `text`'s UTF-8 bytes. CRLF, lone CR and lone LF all become CRLF line breaks; longer lines get
    /// soft breaks (`=` CRLF); `=`, controls, non-ASCII bytes and white space at a line's end are escaped.
    /// The result has no trailing line break unless `text` ends with one.
    static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        for (index, line) in lines(of: text).enumerated() {
            if index > 0 { output += [13, 10] }
            encodeLine(line, into: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Splits UTF-8 text at CRLF, CR or LF.
    static func lines(of text: String) -> [ArraySlice<UInt8>] {
        let bytes = Array(text.utf8)
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 13 || byte == 10 {
                result.append(bytes[start..<index])
                index += (byte == 13 && index + 1 < bytes.count && bytes[index + 1] == 10) ? 2 : 1
                start = index
            } else {
                index += 1
            }
        }
        result.append(bytes[start..<bytes.count])
        return result
    }

    private static func encodeLine(_ line: ArraySlice<UInt8>, into output: inout [UInt8]) {
        var length = 0
        for index in line.indices {
            let byte = line[index]
            let isLast = index == line.index(before: line.endIndex)
            let isWhiteSpace = byte == 32 || byte == 9
            let literal = (isWhiteSpace && !isLast) || ((33...126).contains(byte) && byte != UInt8(ascii: "="))
            let tokenLength = literal ? 1 : 3
            // A token that is not the line's last must leave room for a soft break's `=`.
            if length + tokenLength > (isLast ? maxLineLength : maxLineLength - 1) {
                output += [UInt8(ascii: "="), 13, 10]
                length = 0
            }
            if literal {
                output.append(byte)
            } else {
                output += [UInt8(ascii: "="), hexDigit(byte >> 4), hexDigit(byte & 0x0F)]
            }
            length += tokenLength
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
    }
}
