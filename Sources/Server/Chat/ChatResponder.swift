public import Logging
public import PostgresNIO
public import Shared

/// The chat's deterministic answer to a question about the served run.
///
/// A question that names ledger members, periods or a measure (total, change, top N, share, findings of a
/// kind; see ``LedgerQuestionReader``) is answered with exact figures summed by PostgreSQL in bounded,
/// parameterised queries. Other questions about the run's documents (anomalies, outliers, trends, root
/// causes, summaries, charts) go to ``ChatAssistant``. A question neither answers, or one naming a member
/// the ledger does not have, is told so, with three questions it can answer from this ledger.
public struct ChatResponder: Sendable {
    let client: PostgresClient
    let logger: Logger
    private let vocabularies = ChatVocabularyCache()

    /// Creates a responder reading `client`.
    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The answer to `question` from `snapshot`'s run (and the ledger's lines).
    ///
    /// - Throws: ``ChatDataError`` when a document the answer needs is missing; database errors.
    public func answer(_ question: String, snapshot: DocumentSnapshot) async throws -> ChatAnswer {
        let documents = snapshot.contents
        let currency = documents["summary"]?["currency"]?.stringValue ?? ""
        let classified = IntentClassifier().classify(question, knownMembers: ChatMember.known(in: documents))
        let vocabulary = try await vocabularies.vocabulary(
            for: snapshot,
            currency: currency,
            client: client,
            logger: logger
        )
        let reading = LedgerQuestionReader(vocabulary: vocabulary).read(question, intent: classified.intent)
        switch reading {
        case .question(let ledgerQuestion):
            let chartOnly =
                classified.intent == .visualization && ledgerQuestion.members.isEmpty
                && ledgerQuestion.scopes.isEmpty
            if !chartOnly {
                let figures = LedgerFigures(client: client, logger: logger)
                return try await LedgerAnswerer(figures: figures, vocabulary: vocabulary)
                    .answer(ledgerQuestion, runID: snapshot.runID)
            }
        case .unknownMember:
            return ChatSuggestions.cannotAnswer(
                question,
                reason: reading,
                vocabulary: vocabulary,
                language: classified.language
            )
        case .none:
            if classified.intent == .general, classified.scores.isEmpty {
                return ChatSuggestions.cannotAnswer(
                    question,
                    reason: reading,
                    vocabulary: vocabulary,
                    language: classified.language
                )
            }
        }
        return try ChatAssistant().answer(question, documents: documents)
    }
}
