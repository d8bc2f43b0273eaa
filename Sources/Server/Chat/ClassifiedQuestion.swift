/// A question with its intent, language and the entities it names.
public struct ClassifiedQuestion: Sendable, Hashable {
    /// The question as asked.
    public var text: String
    /// What it asks about.
    public var intent: ChatIntent
    /// The language to answer in.
    public var language: ChatLanguage
    /// Keyword score of every intent that matched (see ``IntentClassifier``); absent intents scored 0.
    public var scores: [ChatIntent: Int]
    /// Periods named, as `YYYY-PP`, distinct, in the order written (`2024-05`, `May 2024`, `Mei 2024`).
    public var periods: [String]
    /// Years named on their own (`2024`, not part of a period), distinct, in the order written.
    public var years: [Int]
    /// The known dimension member the question names, if any.
    public var member: ChatMember?

    /// Creates a classified question.
    public init(
        text: String,
        intent: ChatIntent,
        language: ChatLanguage,
        scores: [ChatIntent: Int] = [:],
        periods: [String] = [],
        years: [Int] = [],
        member: ChatMember? = nil
    ) {
        self.text = text
        self.intent = intent
        self.language = language
        self.scores = scores
        self.periods = periods
        self.years = years
        self.member = member
    }
}
