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
    /// Why, in the reviewer's words.
    public var note: String?

    /// Creates a review.
    public init(status: ReviewStatus, reviewer: String, note: String? = nil) {
        self.status = status
        self.reviewer = reviewer
        self.note = note
    }

    /// Records the review on finding `id`.
    ///
    /// - Returns: false when there is no finding `id`.
    public func record(onFinding id: Int64, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        var updated = false
        for try await _
            in try await connection.query(
                """
                UPDATE findings SET review_status = \(status.rawValue), reviewed_by = \(reviewer), reviewed_at = now(),
                    review_note = \(note)
                WHERE id = \(id)
                RETURNING id
                """,
                logger: logger
            )
            .decode(Int64.self)
        {
            updated = true
        }
        return updated
    }
}
