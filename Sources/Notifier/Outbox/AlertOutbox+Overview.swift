public import Foundation
public import PostgresNIO
public import Shared

/// An alert not yet finished, as `finrca notify --dry-run` lists it.
public struct QueuedAlert: Sendable {
    /// `alerts.id`.
    public var id: Int64
    /// The route that queued it.
    public var route: String
    /// Email or webhook.
    public var channel: String
    /// Immediate or digest.
    public var mode: String
    /// Pending, retrying or sending.
    public var state: AlertState
    /// How many findings it carries.
    public var findings: Int
    /// The idempotency key.
    public var idempotencyKey: String
}

/// How many alerts are in one state, and when the oldest of them was queued.
public struct AlertStateCount: Sendable {
    /// The state.
    public var state: AlertState
    /// Alerts in it.
    public var count: Int
    /// When the oldest of them was queued.
    public var oldest: Date
}

extension AlertOutbox {
    /// Every alert not yet finished (pending, retrying or sending), oldest first.
    public func unfinished(on connection: PostgresConnection) async throws -> [QueuedAlert] {
        var alerts: [QueuedAlert] = []
        for try await (id, route, channel, mode, state, findings, key)
            in try await connection.query(
                """
                SELECT id, route, channel, mode, state, cardinality(finding_ids)::int8, idempotency_key FROM alerts
                WHERE state = ANY(\(AlertState.unfinished.map(\.rawValue))) ORDER BY id
                """,
                logger: logger
            )
            .decode((Int64, String, String, String, String, Int64, String).self)
        {
            guard let state = AlertState(rawValue: state) else {
                throw UnknownVocabularyError(table: "alerts", id: id, values: [state])
            }
            alerts.append(
                QueuedAlert(
                    id: id,
                    route: route,
                    channel: channel,
                    mode: mode,
                    state: state,
                    findings: Int(findings),
                    idempotencyKey: key
                )
            )
        }
        return alerts
    }

    /// Alerts by state: the unfinished states first, then dead, cancelled and delivered; empty states left out.
    public func countsByState(on connection: PostgresConnection) async throws -> [AlertStateCount] {
        var counts: [AlertState: AlertStateCount] = [:]
        for try await (state, count, oldest)
            in try await connection.query(
                "SELECT state, count(*)::int8, min(created_at) FROM alerts GROUP BY state",
                logger: logger
            )
            .decode((String, Int64, Date).self)
        {
            guard let state = AlertState(rawValue: state) else {
                throw UnknownVocabularyError(table: "alerts", id: 0, values: [state])
            }
            counts[state] = AlertStateCount(state: state, count: Int(count), oldest: oldest)
        }
        return (AlertState.unfinished + AlertState.finished).compactMap { counts[$0] }
    }
}
