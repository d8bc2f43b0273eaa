/// A strict RFC 8259 parser over UTF-8 bytes; see ``JSONValue/init(parsing:)``.
struct JSONParser {
    private let bytes: [UInt8]
    private let maximumDepth: Int
    private var position = 0
    private var depth = 0

    init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    /// One value surrounded by optional whitespace, and nothing else.
    mutating func parseDocument() throws(JSONParsingError) -> JSONValue {
        let value = try parseValue()
        skipWhitespace()
        guard position == bytes.count else { throw JSONParsingError(code: .trailingContent, offset: position) }
        return value
    }

    private func fail(_ code: JSONParsingError.Code, at offset: Int? = nil) -> JSONParsingError {
        JSONParsingError(code: code, offset: offset ?? position)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONParsingError) -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else { throw fail(.unexpectedEnd) }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw fail(.unexpectedCharacter)
        }
    }

    private mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws(JSONParsingError) -> JSONValue {
        for offset in 0..<word.utf8CodeUnitCount {
            guard position < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[position] == word.utf8Start[offset] else { throw fail(.unexpectedCharacter) }
            position += 1
        }
        return value
    }

    private mutating func enterContainer() throws(JSONParsingError) {
        depth += 1
        guard depth <= maximumDepth else { throw fail(.nestingTooDeep) }
        position += 1
    }

    private mutating func parseArray() throws(JSONParsingError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        var values: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(values)
        }
        while true {
            values.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw fail(.unexpectedEnd) }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(values)
            default: throw fail(.unexpectedCharacter)
            }
        }
    }

    private mutating func parseObject() throws(JSONParsingError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        var pairs: [(String, JSONValue)] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(pairs)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[position] == UInt8(ascii: "\"") else { throw fail(.unexpectedCharacter) }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count else { throw fail(.unexpectedEnd) }
            guard bytes[position] == UInt8(ascii: ":") else { throw fail(.unexpectedCharacter) }
            position += 1
            pairs.append((key, try parseValue()))
            skipWhitespace()
            guard position < bytes.count else { throw fail(.unexpectedEnd) }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return .object(pairs)
            default: throw fail(.unexpectedCharacter)
            }
        }
    }

    /// Reads `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` and keeps its text.
    private mutating func parseNumber() throws(JSONParsingError) -> JSONValue {
        let start = position
        var isInteger = true
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count else { throw fail(.unexpectedEnd) }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, Self.isDigit(bytes[position]) { throw fail(.invalidNumber) }
        } else {
            guard try skipDigits() > 0 else { throw fail(.invalidNumber) }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard try skipDigits() > 0 else { throw fail(.invalidNumber) }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard try skipDigits() > 0 else { throw fail(.invalidNumber) }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isInteger, text != "-0", let value = Int64(text) { return .int(value) }
        return .decimalText(text)
    }

    /// Skips ASCII digits and returns how many; an end of input right here is an error.
    private mutating func skipDigits() throws(JSONParsingError) -> Int {
        guard position < bytes.count else { throw fail(.unexpectedEnd) }
        let start = position
        while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
        return position - start
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Reads a string starting at its opening quote.
    ///
    /// The input came from a Swift `String`, so unescaped runs are valid UTF-8 already.
    private mutating func parseString() throws(JSONParsingError) -> String {
        position += 1
        var output: [UInt8] = []
        var runStart = position
        while true {
            guard position < bytes.count else { throw fail(.unexpectedEnd) }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                output.append(contentsOf: bytes[runStart..<position])
                position += 1
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                output.append(contentsOf: bytes[runStart..<position])
                try parseEscape(into: &output)
                runStart = position
            case 0x00..<0x20:
                throw fail(.controlCharacter)
            default:
                position += 1
            }
        }
    }

    private mutating func parseEscape(into output: inout [UInt8]) throws(JSONParsingError) {
        let escapeStart = position
        position += 1
        guard position < bytes.count else { throw fail(.unexpectedEnd) }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalarValue = UInt32(try parseHex4())
            if (0xD800...0xDBFF).contains(scalarValue) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw fail(.invalidSurrogate, at: escapeStart) }
                position += 2
                let low = UInt32(try parseHex4())
                guard (0xDC00...0xDFFF).contains(low) else { throw fail(.invalidSurrogate, at: escapeStart) }
                scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalarValue) {
                throw fail(.invalidSurrogate, at: escapeStart)
            }
            guard let scalar = Unicode.Scalar(scalarValue) else { throw fail(.invalidSurrogate, at: escapeStart) }
            output.append(contentsOf: scalar.utf8)
        default:
            throw fail(.invalidEscape, at: escapeStart)
        }
    }

    private mutating func parseHex4() throws(JSONParsingError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard position < bytes.count else { throw fail(.unexpectedEnd) }
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail(.invalidEscape)
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }
}
