/// Why a text is not valid JSON (RFC 8259), and the byte offset in its UTF-8 form where that was found.
///
/// The description names the problem and the offset only, never the text, so it is safe to log.
public struct JSONParsingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        enum Base: String, Sendable, Hashable {
            case unexpectedEnd = "unexpected end of input"
            case unexpectedCharacter = "unexpected character"
            case invalidNumber = "invalid number"
            case invalidEscape = "invalid escape sequence"
            case invalidSurrogate = "unpaired UTF-16 surrogate in \\u escape"
            case controlCharacter = "unescaped control character in string"
            case trailingContent = "content after the JSON value"
            case nestingTooDeep = "arrays and objects nested too deeply"
        }

        let base: Base

        /// The text ended inside a value.
        public static let unexpectedEnd = Code(base: .unexpectedEnd)
        /// A byte that cannot start or continue the value being read.
        public static let unexpectedCharacter = Code(base: .unexpectedCharacter)
        /// A number outside the JSON grammar (leading zero, missing digits, `+`, `.5`, …).
        public static let invalidNumber = Code(base: .invalidNumber)
        /// A backslash escape that JSON does not define, or a `\u` without four hex digits.
        public static let invalidEscape = Code(base: .invalidEscape)
        /// A `\u` escape of a lone high or low surrogate.
        public static let invalidSurrogate = Code(base: .invalidSurrogate)
        /// A byte below U+0020 inside a string.
        public static let controlCharacter = Code(base: .controlCharacter)
        /// Anything but whitespace after the top-level value.
        public static let trailingContent = Code(base: .trailingContent)
        /// More than ``JSONValue/maximumNestingDepth`` nested arrays and objects.
        public static let nestingTooDeep = Code(base: .nestingTooDeep)

        /// The problem in words.
        public var description: String { base.rawValue }
    }

    /// What was wrong.
    public var code: Code
    /// Offset in bytes of the UTF-8 text where the problem was found (0-based).
    public var offset: Int

    /// Creates an error.
    public init(code: Code, offset: Int) {
        self.code = code
        self.offset = offset
    }

    /// `invalid number at byte 12`.
    public var description: String { "\(code) at byte \(offset)" }
}
