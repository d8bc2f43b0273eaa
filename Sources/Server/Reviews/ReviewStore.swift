import Foundation
public import Logging
public import PostgresNIO
import Shared

/// Reviews of findings: the finding's current `review_status` (which later detector runs keep and the notifier
/// honours) and, for every review, a row in `finding_reviews`, written in one transaction.
public struct ReviewStore: Sendable {
    /// The statuses a review may set.
    public static let statuses = ["open", "confirmed", "expected", "false_alarm"]
    /// The longest note kept.
    public static let maximumNoteLength = 2000

    /// Why a review was not recorded.
    public enum ReviewError: Error, Equatable, CustomStringConvertible {
        /// No finding has the id.
        case unknownFinding(Int64)
        /// The status is not one of ``ReviewStore/statuses``.
        case invalidStatus(String)
        /// The note is longer than ``ReviewStore/maximumNoteLength`` characters.
        case noteTooLong

        public var description: String {
            switch self {
            case .unknownFinding(let id): "no finding \(id)"
            case .invalidStatus(let status):
                "status \(String(reflecting: status)) must be one of \(ReviewStore.statuses.joined(separator: ", "))"
            case .noteTooLong: "a note is at most \(ReviewStore.maximumNoteLength) characters"
            }
        }
    }

    private let logger: Logger

    /// Creates the store.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Records that `reviewer` set finding `id` to `status` with `note`.
    ///
    /// - Throws: ``ReviewError`` for an unknown finding, status or an over-long note; database errors.
    public func record(
        findingID id: Int64, status: String, note: String?, reviewer: String, on client: PostgresClient
    ) async throws {
        guard Self.statuses.contains(status) else { throw ReviewError.invalidStatus(status) }
        let note = note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        if let note, note.count > Self.maximumNoteLength { throw ReviewError.noteTooLong }
        let updated = try await client.withTransaction(logger: logger) { connection in
            var count = 0
            for try await _ in try await connection.query(
                """
                UPDATE findings SET review_status = \(status), reviewed_by = \(reviewer), reviewed_at = now(), review_note = \(note)
                WHERE id = \(id) RETURNING id
                """, logger: logger
            ).decode(Int64.self) { count += 1 }
            guard count == 1 else { return false }
            try await connection.query(
                "INSERT INTO finding_reviews (finding_id, status, note, reviewed_by) VALUES (\(id), \(status), \(note), \(reviewer))",
                logger: logger)
            return true
        }
        guard updated else { throw ReviewError.unknownFinding(id) }
        logger.notice("finding reviewed", metadata: ["finding": "\(id)", "status": .string(status), "user": .string(reviewer)])
    }

    /// The reviews of finding `id`, oldest first, as JSON objects' text.
    public func history(findingID id: Int64, on client: PostgresClient) async throws -> [String] {
        var rows: [String] = []
        for try await text in try await client.query(
            """
            SELECT jsonb_build_object('status', status, 'note', note, 'reviewed_by', reviewed_by, 'reviewed_at', reviewed_at)::text
            FROM finding_reviews WHERE finding_id = \(id) ORDER BY id
            """, logger: logger
        ).decode(String.self) { rows.append(text) }
        return rows
    }
}

