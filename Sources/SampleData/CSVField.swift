/// The bytes of one CSV field in RFC 4180 form: UTF-8, wrapped in double quotes (with inner quotes doubled)
/// only when the text contains a comma, a double quote or a line break.
///
/// Fixed texts are encoded once, so writing a row is mostly copying bytes.
struct CSVField: Sendable, Hashable {
    /// The encoded bytes, quotes included when needed.
    let bytes: [UInt8]

    /// Encodes `text`.
    init(_ text: String) {
        let utf8 = Array(text.utf8)
        let needsQuotes = utf8.contains { $0 == .comma || $0 == .quote || $0 == .lineFeed || $0 == .carriageReturn }
        guard needsQuotes else {
            bytes = utf8
            return
        }
        var quoted: [UInt8] = [.quote]
        for byte in utf8 {
            if byte == .quote { quoted.append(.quote) }
            quoted.append(byte)
        }
        quoted.append(.quote)
        bytes = quoted
    }

    /// The empty field, written for an absent value.
    static let empty = CSVField("")
}

extension UInt8 {
    static let comma = UInt8(ascii: ",")
    static let quote = UInt8(ascii: "\"")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let zero = UInt8(ascii: "0")
    static let period = UInt8(ascii: ".")
}
