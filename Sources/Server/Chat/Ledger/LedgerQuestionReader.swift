import Shared

/// Reads a question against the ledger's vocabulary: the members and spans it names and the measure its
/// words ask for (see ``LedgerWords``), in this precedence:
/// 1. a finding kind named (`duplicate payments`, `pembayaran ganda`) → ``LedgerQuestion/Measure/findings(_:)``;
/// 2. a dimension word with `top`/`largest`/`terbesar` (or `smallest`), or after `by`/`per`/`menurut` →
///    ``LedgerQuestion/Measure/top(count:dimension:ascending:)``: the count written next to it (`top 5`,
///    `lima pemasok`), else 10 after `by`, 1 for a singular English word or Indonesian `mana`/`siapa`
///    ("which supplier", "pemasok mana"), else 5;
/// 3. `share`/`percentage`/`porsi` with a member named → ``LedgerQuestion/Measure/share``;
/// 4. a word of change with two spans, or with one span and a member (compared with the span before), or
///    simply two spans → ``LedgerQuestion/Measure/change``;
/// 5. a word of spend with a member or a span, or a member in a question of no other intent →
///    ``LedgerQuestion/Measure/total``.
/// A dimension word left over (outside the members found) whose dimension has no member named means the
/// question names a member the ledger does not have: ``LedgerReading/unknownMember(_:)``.
struct LedgerQuestionReader: Sendable {
    let vocabulary: ChatVocabulary

    /// What `question` asks of the ledger. `intent` is the document intent the classifier gave it.
    func read(_ text: String, intent: ChatIntent) -> LedgerReading {
        let words = NameMatching.words(text)
        let matches = MemberMatcher(vocabulary: vocabulary).matches(in: text)
        let masked = Set(matches.flatMap { Array($0.words) })
        let members = matches.map(\.entry)
        let scopes = PeriodScope.scopes(in: QuestionToken.tokenize(text), known: vocabulary.periods)
        let language = ChatLanguage.detect(in: text)
        func question(_ measure: LedgerQuestion.Measure) -> LedgerReading {
            .question(
                LedgerQuestion(text: text, language: language, measure: measure, members: members, scopes: scopes)
            )
        }
        let dimensionWords = Self.dimensionWords(words, masked: masked)

        for (kind, phrases, needsFindingWord) in LedgerWords.kinds
        where LedgerWords.any(phrases, in: words, masked: masked) {
            if !needsFindingWord || LedgerWords.any(LedgerWords.findingWords, in: words, masked: masked) {
                return question(.findings(kind))
            }
        }
        if let top = Self.top(words, masked: masked, dimensionWords: dimensionWords, language: language) {
            let others = dimensionWords.filter { $0.dimension != top.dimension }
            if let unknown = others.first(where: { word in !members.contains { $0.dimension == word.dimension } }) {
                return .unknownMember(unknown.dimension)
            }
            return question(.top(count: top.count, dimension: top.dimension, ascending: top.ascending))
        }
        if let unknown = dimensionWords.first(where: { word in !members.contains { $0.dimension == word.dimension } }) {
            return .unknownMember(unknown.dimension)
        }
        if !members.isEmpty, LedgerWords.any(LedgerWords.share, in: words, masked: masked) {
            return question(.share)
        }
        let changeWord = LedgerWords.any(LedgerWords.change, in: words, masked: masked)
        if scopes.count >= 2 || (changeWord && scopes.count == 1 && !members.isEmpty) {
            return question(.change)
        }
        let spendWord = LedgerWords.any(LedgerWords.spend, in: words, masked: masked)
        if (spendWord && (!members.isEmpty || !scopes.isEmpty))
            || (!members.isEmpty && [.general, .summary, .comparison].contains(intent))
        {
            return question(.total)
        }
        return .none
    }

    /// A dimension word in the question, outside the members found.
    struct DimensionWord: Sendable {
        var dimension: LedgerDimension
        var words: Range<Int>
        var plural: Bool
    }

    /// The dimension words of `words`, outside `masked`, one per position, in order.
    static func dimensionWords(_ words: [String], masked: Set<Int>) -> [DimensionWord] {
        var found: [DimensionWord] = []
        for (dimension, phrases) in LedgerWords.dimensions {
            for phrase in phrases {
                for span in LedgerWords.occurrences(of: phrase, in: words, masked: masked)
                where !found.contains(where: { $0.words.overlaps(span) }) {
                    let last = words[span.upperBound - 1]
                    found.append(DimensionWord(dimension: dimension, words: span, plural: last.hasSuffix("s")))
                }
            }
        }
        return found.sorted { $0.words.lowerBound < $1.words.lowerBound }
    }

    /// The ranking asked for: a dimension word with a top or bottom word, or after a breakdown word.
    static func top(
        _ words: [String],
        masked: Set<Int>,
        dimensionWords: [DimensionWord],
        language: ChatLanguage
    ) -> (count: Int, dimension: LedgerDimension, ascending: Bool)? {
        let ascending = LedgerWords.any(LedgerWords.bottom, in: words, masked: masked)
        let ranked = ascending || LedgerWords.any(LedgerWords.top, in: words, masked: masked)
        for word in dimensionWords {
            let before = word.words.lowerBound - 1
            let byWord = before >= 0 && LedgerWords.breakdown.contains(words[before])
            guard ranked || byWord else { continue }
            let count = Self.count(near: word.words, in: words, masked: masked)
            // "which supplier" / "pemasok mana" asks for one; "suppliers" / "pemasok terbesar" for a list.
            let asksForOne = language == .english ? !word.plural : words.contains("mana") || words.contains("siapa")
            let fallback = byWord && !ranked ? 10 : asksForOne ? 1 : 5
            return (min(count ?? fallback, 50), word.dimension, ascending)
        }
        return nil
    }

    /// A count written just before the dimension word or after `top` (`top 5 suppliers`, `5 largest suppliers`,
    /// `lima pemasok terbesar`, `pemasok 5 teratas`), 1–50.
    static func count(near span: Range<Int>, in words: [String], masked: Set<Int>) -> Int? {
        func number(_ index: Int) -> Int? {
            guard index >= 0, index < words.count, !masked.contains(index) else { return nil }
            if let value = LedgerWords.counts[words[index]] { return value }
            guard words[index].count <= 2, let value = Int(words[index]), (1...50).contains(value) else { return nil }
            return value
        }
        let rankWords = Set(LedgerWords.top + LedgerWords.bottom)
        for index in [span.lowerBound - 1, span.lowerBound - 2, span.upperBound, span.upperBound + 1] {
            guard let value = number(index) else { continue }
            let neighbours = [index - 1, index + 1].filter { $0 >= 0 && $0 < words.count }
            if span.contains(index + 1) || span.contains(index - 1)
                || neighbours.contains(where: { rankWords.contains(words[$0]) })
            {
                return value
            }
        }
        return nil
    }
}
