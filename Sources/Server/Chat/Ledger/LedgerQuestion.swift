public import Shared

/// A question about the ledger's own figures, read from its words: what to measure, for which members, over
/// which spans of periods.
public struct LedgerQuestion: Sendable, Hashable {
    /// What the question asks for.
    public enum Measure: Sendable, Hashable {
        /// Net spend (and lines) of the members over the span.
        case total
        /// Spend in two spans and the exact difference.
        case change
        /// The `count` members of `dimension` with the largest (or, `ascending`, the smallest) spend.
        case top(count: Int, dimension: LedgerDimension, ascending: Bool)
        /// The spend of the member as a share of its parent named in the question, or of the whole ledger.
        case share
        /// The latest run's findings of a kind, with their evidence lines.
        case findings(FindingKind)
    }

    /// The question as asked.
    public var text: String
    /// The language to answer in.
    public var language: ChatLanguage
    /// What to measure.
    public var measure: Measure
    /// The members named, at most one per dimension, in the order written.
    public var members: [ChatVocabulary.Entry]
    /// The spans named (see ``PeriodScope/scopes(in:known:)``).
    public var scopes: [PeriodScope]

    /// Creates a question.
    public init(
        text: String,
        language: ChatLanguage,
        measure: Measure,
        members: [ChatVocabulary.Entry],
        scopes: [PeriodScope]
    ) {
        self.text = text
        self.language = language
        self.measure = measure
        self.members = members
        self.scopes = scopes
    }

    /// The intent recorded with the answer: total, top N and share are `summary`, change is `comparison`,
    /// findings are `anomaly`.
    public var intent: ChatIntent {
        switch measure {
        case .total, .top, .share: .summary
        case .change: .comparison
        case .findings: .anomaly
        }
    }
}

/// What reading a question against the ledger's vocabulary found.
public enum LedgerReading: Sendable, Hashable {
    /// A question the ledger's figures answer.
    case question(LedgerQuestion)
    /// The question names a member of `dimension` (by its word: "supplier", "direktorat") that the ledger does
    /// not have, so no figure would answer it.
    case unknownMember(LedgerDimension)
    /// Not a question about the ledger's figures (the document intents may still answer it).
    case none
}
