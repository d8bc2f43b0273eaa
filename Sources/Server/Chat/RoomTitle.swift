/// The title of a chat room, made from its first question.
public enum RoomTitle {
    /// The title when the question has no words.
    public static let untitled = "New chat"

    /// A title made from `question`.
    ///
    /// Whitespace is collapsed to single spaces; the text is cut to at most `maxLength` characters at the last
    /// word boundary (mid-word only when the first word alone is longer); trailing sentence punctuation
    /// (`. , ; : ! ? …` and dashes) is removed; the first letter is capitalised. ``untitled`` when nothing is left.
    ///
    /// "  what were the biggest anomalies in May 2024?  " → "What were the biggest anomalies in May 2024".
    public static func make(from question: String, maxLength: Int = 60) -> String {
        var title = question.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if title.count > maxLength {
            let head = title.prefix(maxLength + 1)
            if let space = head.lastIndex(of: " ") {
                title = String(title[..<space])
            } else {
                title = String(title.prefix(maxLength))
            }
        }
        let trailing: Set<Character> = [".", ",", ";", ":", "!", "?", "…", "-", "–", "—", " "]
        while let last = title.last, trailing.contains(last) { title.removeLast() }
        guard let first = title.first else { return untitled }
        return first.uppercased() + title.dropFirst()
    }
}
