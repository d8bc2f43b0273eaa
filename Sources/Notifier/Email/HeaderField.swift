import Foundation

/// Renders header fields folded to lines of at most 78 characters (RFC 5322 §2.1.1), encoding non-ASCII
/// text as RFC 2047 `=?UTF-8?B?…?=` words. Every returned field ends with CRLF.
enum HeaderField {
    /// The recommended line length limit, CRLF excluded.
    static let lineLimit = 78

    /// A structured field whose value is short and has no folding points (Date, From, Message-ID, ...).
    static func simple(_ name: String, _ value: String) -> String {
        "\(name): \(value)\r\n"
    }

    /// `To`-style field: addresses separated by `, `, folded after the commas.
    static func addressList(_ name: String, _ addresses: [String]) -> String {
        let pieces = addresses.enumerated()
            .map { index, address in
                (index == 0 ? "" : " ") + address + (index == addresses.count - 1 ? "" : ",")
            }
        return fold(prefix: "\(name): ", pieces: pieces)
    }

    /// An unstructured field (Subject): white space normalised, folded at spaces when it is printable ASCII
    /// and fits, else sent as encoded words.
    static func unstructured(_ name: String, _ text: String) -> String {
        let value = normalisedText(text)
        let prefix = "\(name): "
        let isPlain = value.unicodeScalars.allSatisfy { $0.isASCII } && !value.contains("=?")
        if isPlain {
            let words = value.split(separator: " ", omittingEmptySubsequences: true)
            let pieces = words.enumerated().map { index, word in (index == 0 ? "" : " ") + word }
            let folded = fold(prefix: prefix, pieces: pieces)
            if folded.split(separator: "\r\n").allSatisfy({ $0.utf8.count <= lineLimit }) { return folded }
        }
        return encodedWords(prefix: prefix, text: value)
    }

    /// Control characters (line breaks included) become spaces, white-space runs one space, ends trimmed.
    static func normalisedText(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let isSpace = scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
            if isSpace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.unicodeScalars.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Joins `pieces` (all but the first starting with a space) after `prefix`, breaking before a piece
    /// whenever the line would exceed ``lineLimit``.
    static func fold(prefix: String, pieces: [String]) -> String {
        var output = prefix
        var lineLength = prefix.utf8.count
        for (index, piece) in pieces.enumerated() {
            if index > 0, lineLength + piece.utf8.count > lineLimit {
                output += "\r\n"
                lineLength = 0
            }
            output += piece
            lineLength += piece.utf8.count
        }
        return output + "\r\n"
    }

    /// `prefix` followed by base64 encoded words, one per line, each at most 75 characters, whole Unicode
    /// scalars in each (RFC 2047 §5); decoders drop the folding white space between adjacent words.
    static func encodedWords(prefix: String, text: String) -> String {
        let overhead = "=?UTF-8?B??=".utf8.count
        var output = prefix
        var available = lineLimit - prefix.utf8.count
        var chunk: [UInt8] = []
        func capacity() -> Int { (min(available, 75) - overhead) / 4 * 3 }
        func flush() {
            output += "=?UTF-8?B?\(Data(chunk).base64EncodedString())?="
            chunk.removeAll()
            available = lineLimit - 1
        }
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if !chunk.isEmpty, chunk.count + bytes.count > capacity() {
                flush()
                output += "\r\n "
            }
            chunk += bytes
        }
        flush()
        return output + "\r\n"
    }
}
