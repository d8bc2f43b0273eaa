import Logging
import PostgresNIO
import Shared
import Synchronization

/// The vocabulary of the run being served, read once per run (see
/// ``ChatVocabulary/load(client:currency:periods:logger:)``) and kept until a newer run is served.
final class ChatVocabularyCache: Sendable {
    private let cached = Mutex<(runID: Int64, vocabulary: ChatVocabulary)?>(nil)

    /// Creates an empty cache.
    init() {}

    /// The vocabulary of `snapshot`'s run in `currency`, loading it on first use.
    func vocabulary(
        for snapshot: DocumentSnapshot,
        currency: String,
        client: PostgresClient,
        logger: Logger
    ) async throws -> ChatVocabulary {
        if let hit = cached.withLock({ $0 }), hit.runID == snapshot.runID, hit.vocabulary.currency == currency {
            return hit.vocabulary
        }
        let vocabulary = try await ChatVocabulary.load(
            client: client,
            currency: currency,
            periods: ChatVocabulary.periods(in: snapshot.contents),
            logger: logger
        )
        cached.withLock { $0 = (snapshot.runID, vocabulary) }
        return vocabulary
    }
}
