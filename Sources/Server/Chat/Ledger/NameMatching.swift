import Foundation

/// How the chat compares what a question says with the ledger's own names: both are normalised (case and
/// accents folded, `&` read as `and`, every run of other characters one space), then compared word by word
/// with a bounded edit distance, so `directorate of finace` still finds `Directorate of Finance`.
enum NameMatching {
    /// `Budget & Planning` → `["budget", "and", "planning"]`.
    static func words(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var words: [String] = []
        var current = ""
        for character in folded {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
                if character == "&" { words.append("and") }
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// How many edits a word of `length` characters may have and still match: none up to 4 characters (and
    /// never in a word with a digit: codes and years must match exactly), 1 up to 8, else 2.
    static func allowedEdits(_ word: String) -> Int {
        guard !word.contains(where: \.isNumber) else { return 0 }
        switch word.count {
        case ...4: return 0
        case ...8: return 1
        default: return 2
        }
    }

    /// The edit distance (Levenshtein: insert, delete, replace one character) between `a` and `b`, or nil
    /// when it exceeds `limit`.
    static func distance(_ a: String, _ b: String, limit: Int) -> Int? {
        let left = Array(a)
        let right = Array(b)
        guard abs(left.count - right.count) <= limit else { return nil }
        if left.isEmpty || right.isEmpty {
            return max(left.count, right.count) <= limit ? max(left.count, right.count) : nil
        }
        var previous = Array(0...right.count)
        var current = [Int](repeating: 0, count: right.count + 1)
        for i in 1...left.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...right.count {
                let cost = left[i - 1] == right[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            guard rowMinimum <= limit else { return nil }
            swap(&previous, &current)
        }
        return previous[right.count] <= limit ? previous[right.count] : nil
    }

    /// The edits needed to read `spoken` as `name` word by word (same number of words, each within its
    /// ``allowedEdits(_:)``), or nil when they do not match.
    static func edits(_ spoken: ArraySlice<String>, _ name: [String]) -> Int? {
        guard spoken.count == name.count else { return nil }
        var total = 0
        for (said, word) in zip(spoken, name) {
            guard let edits = distance(said, word, limit: allowedEdits(word)) else { return nil }
            total += edits
        }
        return total
    }
}
