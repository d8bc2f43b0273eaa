/// A word of a question: a maximal run of letters and digits.
struct QuestionToken: Hashable, Sendable {
    /// The word lowercased, for matching keywords.
    var text: String
    /// The word as written, for matching short names case-sensitively.
    var original: String
    /// The one non-whitespace character between the previous word and this one.
    ///
    /// `-` for the `05` of `2024-05`; nil at the start, after whitespace, or after more than one character.
    var joiner: Character?

    /// Splits `text` into words.
    static func tokenize(_ text: String) -> [QuestionToken] {
        var tokens: [QuestionToken] = []
        var current = ""
        var between = ""
        func flush() {
            guard !current.isEmpty else { return }
            let joiner = between.count == 1 && !between.first!.isWhitespace && !tokens.isEmpty ? between.first : nil
            tokens.append(QuestionToken(text: current.lowercased(), original: current, joiner: joiner))
            current = ""
            between = ""
        }
        for character in text {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else {
                flush()
                between.append(character)
            }
        }
        flush()
        return tokens
    }

    /// Whether the word is made of ASCII digits only.
    var isDigits: Bool { !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }
}
