public import Shared

/// Finds the ledger members a question names, tolerant of case, accents and small typos.
///
/// The question's words (see ``NameMatching/words(_:)``) are compared with every spelling of every member,
/// word by word within each word's allowed edits. Among overlapping matches the one with fewer edits wins,
/// then the one of more words, then the dimension higher in the hierarchy (directorate, cost centre, GL
/// account, supplier, functional area), then the larger spend. A dimension contributes at most one member.
/// One-word spellings that are words of questions (`total`, `share`, `top`, …) or shorter than 3 characters
/// never match, so a supplier called `Total` does not capture "total spend"; codes of digits match exactly
/// and need 3 digits.
struct MemberMatcher: Sendable {
    /// A member found in the question.
    struct Match: Sendable, Hashable {
        /// The member.
        var entry: ChatVocabulary.Entry
        /// The question's words it covers.
        var words: Range<Int>
        /// Edits needed (0 = exact).
        var edits: Int
    }

    let vocabulary: ChatVocabulary

    /// Words of questions that never stand alone for a member.
    static let questionWords: Set<String> = [
        "total", "spend", "spent", "spending", "share", "top", "largest", "biggest", "change", "changes",
        "difference", "supplier", "suppliers", "vendor", "vendors", "directorate", "directorates", "account",
        "accounts", "cost", "centre", "center", "finding", "findings", "month", "year", "quarter", "what", "which",
        "pengeluaran", "belanja", "biaya", "pemasok", "direktorat", "akun", "pusat", "temuan", "porsi", "bulan",
        "tahun", "kuartal", "terbesar", "jumlah", "berapa", "other", "lainnya", "general", "ledger", "payment",
        "payments", "weekend", "amount", "amounts", "round", "approval", "limit", "duplicate",
    ]

    /// The members named in `question`, in the order written.
    func matches(in question: String) -> [Match] {
        let words = NameMatching.words(question)
        var candidates: [Match] = []
        for entry in vocabulary.entries {
            var best: Match?
            for spelling in entry.spellings where Self.usable(spelling) {
                guard words.count >= spelling.count else { continue }
                for start in 0...(words.count - spelling.count) {
                    let span = start..<(start + spelling.count)
                    guard let edits = NameMatching.edits(words[span], spelling) else { continue }
                    let match = Match(entry: entry, words: span, edits: edits)
                    if best.map({ Self.better(match, than: $0) }) ?? true { best = match }
                }
            }
            if let best { candidates.append(best) }
        }
        var chosen: [Match] = []
        for candidate in candidates.sorted(by: Self.better) {
            let overlaps = chosen.contains { $0.words.overlaps(candidate.words) }
            let sameDimension = chosen.contains { $0.entry.dimension == candidate.entry.dimension }
            if !overlaps, !sameDimension { chosen.append(candidate) }
        }
        return chosen.sorted { $0.words.lowerBound < $1.words.lowerBound }
    }

    /// Whether a spelling may match at all.
    static func usable(_ spelling: [String]) -> Bool {
        guard spelling.count == 1, let word = spelling.first else { return !spelling.isEmpty }
        if word.allSatisfy(\.isNumber) { return word.count >= 3 }
        return word.count >= 3 && !questionWords.contains(word)
    }

    /// The order of preference between two matches.
    static func better(_ lhs: Match, than rhs: Match) -> Bool {
        if lhs.edits != rhs.edits { return lhs.edits < rhs.edits }
        if lhs.words.count != rhs.words.count { return lhs.words.count > rhs.words.count }
        let order = LedgerDimension.allCases
        let (left, right) = (order.firstIndex(of: lhs.entry.dimension)!, order.firstIndex(of: rhs.entry.dimension)!)
        if left != right { return left < right }
        if lhs.entry.amount.minorUnits.magnitude != rhs.entry.amount.minorUnits.magnitude {
            return lhs.entry.amount.minorUnits.magnitude > rhs.entry.amount.minorUnits.magnitude
        }
        return lhs.entry.value < rhs.entry.value
    }
}
