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
    /// With `expected`: also suppress later findings like this one (see ``SuppressionRule``).
    public var rule: SuppressionRule.Scope?

    /// Creates a review.
    public init(status: ReviewStatus, reviewer: String, note: String? = nil, rule: SuppressionRule.Scope? = nil) {
        self.status = status
        self.reviewer = reviewer
        self.rule = rule
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
        /// A suppression rule was asked for with another status than `expected`.
        case ruleNeedsExpected
        /// The finding lacks what the rule's scope needs.
        case ruleNotApplicable(String)

        /// The reason, for the terminal and the API.
        public var description: String {
            switch self {
            case .unknownFinding(let id): "no finding \(id)"
            case .noteTooLong: "a note is at most \(ReviewStore.maximumNoteLength) characters"
            case .ruleNeedsExpected: "a suppression rule comes only with the status expected"
            case .ruleNotApplicable(let reason): reason
            }
        }
    }

    private let logger: Logger

    /// Creates the store.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Records `review` on finding `id`, and the suppression rule it asks for, in one transaction.
    ///
    /// - Returns: The rule made, if the review asked for one.
    /// - Throws: ``ReviewError`` for an unknown finding, an over-long note, or a rule that does not fit; database
    ///   errors.
    @discardableResult
    public func record(
        _ review: FindingReview,
        onFinding id: Int64,
        on connection: PostgresConnection
    ) async throws -> SuppressionRule? {
        if let note = review.note, note.count > Self.maximumNoteLength { throw ReviewError.noteTooLong }
        if review.rule != nil, review.status != .expected { throw ReviewError.ruleNeedsExpected }
        let updated: Bool
        var rule: SuppressionRule?
        (updated, rule) = try await connection.transaction(logger: logger) { connection in
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
            guard count == 1 else { return .rollBack((false, nil)) }
            try await connection.query(
                """
                INSERT INTO finding_reviews (finding_id, status, note, reviewed_by)
                VALUES (\(id), \(review.status.rawValue), \(review.note), \(review.reviewer))
                """,
                logger: logger
            )
            guard let scope = review.rule else { return .commit((true, nil)) }
            do {
                let rule = try await SuppressionRuleStore(logger: logger)
                    .create(scope: scope, fromFinding: id, note: review.note, by: review.reviewer, on: connection)
                return .commit((true, rule))
            } catch let error as SuppressionRuleStore.RuleError {
                throw ReviewError.ruleNotApplicable(error.description)
            }
        }
        guard updated else { throw ReviewError.unknownFinding(id) }
        logger.notice(
            "finding reviewed",
            metadata: ["finding": "\(id)", "status": .string(review.status.rawValue), "user": .string(review.reviewer)]
        )
        return rule
    }

    /// The first `limit` reviews of finding `id`, oldest first, as JSON objects' text.
    public func history(findingID id: Int64, limit: Int, on client: PostgresClient) async throws -> [String] {
        var rows: [String] = []
        for try await text
            in try await client.query(
                """
                SELECT jsonb_build_object('status', status, 'note', note, 'reviewed_by', reviewed_by, 'reviewed_at', reviewed_at)::text
                FROM finding_reviews WHERE finding_id = \(id) ORDER BY id LIMIT \(Int64(limit))
                """,
                logger: logger
            )
            .decode(String.self)
        { rows.append(text) }
        return rows
    }
}
