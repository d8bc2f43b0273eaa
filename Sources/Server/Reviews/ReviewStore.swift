import Foundation
public import Logging
public import PostgresNIO
public import Shared

/// A person's decision about a finding: its review status, who decided and why. Later detector runs keep it;
/// findings reviewed as expected or false alarm are never alerted again.
public struct FindingReview: Sendable, Equatable {
    /// The decision.
    public var status: ReviewStatus
    /// Who decided (a user name).
    public var reviewer: String
    /// Why, in the reviewer's words (blank notes are dropped).
    public var note: String?

    /// Creates a review.
    public init(status: ReviewStatus, reviewer: String, note: String? = nil) {
        self.status = status
        self.reviewer = reviewer
        self.note = note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
    }
}

/// Reviews of findings: the finding's current `review_status` (which later detector runs keep and the notifier
/// honours) and, for every review, a row in `finding_reviews`, written in one transaction. The API's review
/// route and `finrca findings review` both record through it.
public struct ReviewStore: Sendable {
    /// The longest note kept.
    public static let maximumNoteLength = 2000

    /// Why a review was not recorded.
    public enum ReviewError: Error, Equatable, CustomStringConvertible {
        /// No finding has the id.
        case unknownFinding(Int64)
        /// The note is longer than ``ReviewStore/maximumNoteLength`` characters.
        case noteTooLong

        /// The reason, for the terminal and the API.
        public var description: String {
            switch self {
            case .unknownFinding(let id): "no finding \(id)"
            case .noteTooLong: "a note is at most \(ReviewStore.maximumNoteLength) characters"
            }
        }
    }

    private let logger: Logger

    /// Creates the store.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Records `review` on finding `id`.
    ///
    /// - Throws: ``ReviewError`` for an unknown finding or an over-long note; database errors.
    public func record(_ review: FindingReview, onFinding id: Int64, on connection: PostgresConnection) async throws {
        if let note = review.note, note.count > Self.maximumNoteLength { throw ReviewError.noteTooLong }
        let updated = try await connection.transaction(logger: logger) { connection in
            var count = 0
            for try await _
                in try await connection.query(
                    """
                    UPDATE findings SET review_status = \(review.status.rawValue), reviewed_by = \(review.reviewer),
                        reviewed_at = now(), review_note = \(review.note)
                    WHERE id = \(id) RETURNING id
                    """,
                    logger: logger
                )
                .decode(Int64.self)
            { count += 1 }
            guard count == 1 else { return .rollBack(false) }
            try await connection.query(
                """
                INSERT INTO finding_reviews (finding_id, status, note, reviewed_by)
                VALUES (\(id), \(review.status.rawValue), \(review.note), \(review.reviewer))
                """,
                logger: logger
            )
            return .commit(true)
        }
        guard updated else { throw ReviewError.unknownFinding(id) }
        logger.notice(
            "finding reviewed",
            metadata: ["finding": "\(id)", "status": .string(review.status.rawValue), "user": .string(review.reviewer)]
        )
    }

    /// The reviews of finding `id`, oldest first, as JSON objects' text.
    public func history(findingID id: Int64, on client: PostgresClient) async throws -> [String] {
        var rows: [String] = []
        for try await text
            in try await client.query(
                """
                SELECT jsonb_build_object('status', status, 'note', note, 'reviewed_by', reviewed_by, 'reviewed_at', reviewed_at)::text
                FROM finding_reviews WHERE finding_id = \(id) ORDER BY id
                """,
                logger: logger
            )
            .decode(String.self)
        { rows.append(text) }
        return rows
    }
}
