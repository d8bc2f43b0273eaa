public import Shared

/// The deterministic chat in one call: classify the question, collect the facts, compose the answer.
///
/// The HTTP layer loads the latest run's documents, calls ``answer(_:documents:findings:)``, and, when a model
/// is configured, sends ``LLMPrompt/requestBody(question:answer:)`` and passes the reply to
/// ``AnswerComposer/adopt(modelText:over:)``.
public struct ChatAssistant: Sendable {
    /// Creates an assistant.
    public init() {}

    /// The deterministic answer to `question`.
    ///
    /// - Parameters:
    ///   - question: The question as asked.
    ///   - documents: The latest run's dashboard documents by name, parsed.
    ///   - findings: Rows of the `findings` table for the anomaly intent, or nil to use `summary.top_findings`.
    /// - Returns: The answer composed from the facts, with the chart that fits.
    /// - Throws: ``ChatDataError`` when a document or field the answer needs is missing.
    public func answer(
        _ question: String,
        documents: [String: JSONValue],
        findings: [ChatFinding]? = nil
    ) throws(ChatDataError) -> ChatAnswer {
        let classified = IntentClassifier().classify(question, knownMembers: ChatMember.known(in: documents))
        let evidence = try FactCollector().collect(for: classified, documents: documents, findings: findings)
        return AnswerComposer().compose(classified, evidence: evidence)
    }
}
