/// A keyword or phrase that votes for an intent: words that must follow each other in the question, the last
/// one matched as a prefix when the phrase ends in `*` (`anomal*` matches anomaly, anomalies, anomali).
struct IntentKeyword: Sendable {
    /// The phrase's words, lowercased, without the `*`.
    var words: [String]
    /// Whether the last word matches any word starting with it.
    var lastIsPrefix: Bool
    /// The intent it votes for.
    var intent: ChatIntent
    /// How strongly.
    var weight: Int

    /// A keyword from its written form, such as `"root cause*"`.
    init(_ phrase: String, _ intent: ChatIntent, _ weight: Int) {
        lastIsPrefix = phrase.hasSuffix("*")
        words = (lastIsPrefix ? String(phrase.dropLast()) : phrase).split(separator: " ").map { $0.lowercased() }
        self.intent = intent
        self.weight = weight
    }

    /// Whether the phrase occurs in `tokens`.
    func occurs(in tokens: [QuestionToken]) -> Bool {
        guard !words.isEmpty, tokens.count >= words.count else { return false }
        for start in 0...(tokens.count - words.count) {
            let matched = words.indices.allSatisfy { offset in
                let token = tokens[start + offset].text
                return offset == words.count - 1 && lastIsPrefix
                    ? token.hasPrefix(words[offset]) : token == words[offset]
            }
            if matched { return true }
        }
        return false
    }
}
