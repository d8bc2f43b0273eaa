public import Foundation
public import Logging
public import PostgresNIO
public import Shared

/// The notifier's side of the `alerts` table: claim due alerts, record what happened.
///
/// Claiming commits `sending` before anything is sent, so a notifier that dies between sending and recording
/// leaves the alert `sending`; the next run returns such alerts to `retrying` and sends them again with the same
/// idempotency key, which receivers use to drop the repeat.
public struct AlertOutbox: Sendable {
    let logger: Logger

    /// Creates the outbox accessor.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Puts every `sending` alert back to `retrying` and returns how many. Call it only while holding
    /// ``JobLock/notify``: then no other notifier is mid-attempt, so every `sending` alert was abandoned by one
    /// that died between claiming and recording, and may or may not have reached its receiver.
    public func recoverAbandoned(on connection: PostgresConnection) async throws -> Int {
        var count = 0
        for try await _
            in try await connection.query(
                """
                UPDATE alerts SET state = \(AlertState.retrying.rawValue), next_attempt_at = now(),
                    last_error = 'the notifier ended during the attempt; sent again with the same idempotency key'
                WHERE state = \(AlertState.sending.rawValue)
                RETURNING id
                """,
                logger: logger
            )
            .decode(Int64.self)
        { count += 1 }
        return count
    }

    /// How many alerts of `channel` are due at `dueBy`.
    public func dueCount(channel: AlertRoute.Channel, dueBy: Date, on connection: PostgresConnection) async throws
        -> Int
    {
        var count = 0
        for try await value
            in try await connection.query(
                """
                SELECT count(*) FROM alerts
                WHERE state = ANY(\(AlertState.due.map(\.rawValue))) AND next_attempt_at <= \(dueBy) AND channel = \(channel.rawValue)
                """,
                logger: logger
            )
            .decode(Int64.self)
        { count = Int(value) }
        return count
    }

    /// Claims up to `limit` alerts of `channel` due at `dueBy` (oldest first), marking them `sending`. Findings
    /// reviewed as `expected` or `false_alarm` since the alert was queued are left out of it; an alert left
    /// with none is for ``cancel(_:on:)``.
    public func claim(
        channel: AlertRoute.Channel,
        limit: Int,
        dueBy: Date,
        on connection: PostgresConnection
    ) async throws -> [ClaimedAlert] {
        var claimed: [(id: Int64, key: String, route: String, mode: String, attempt: Int, findings: [Int64])] = []
        for try await (id, key, route, mode, attempts, findingIDs)
            in try await connection.query(
                """
                WITH due AS (
                    SELECT id FROM alerts
                    WHERE state = ANY(\(AlertState.due.map(\.rawValue))) AND next_attempt_at <= \(dueBy) AND channel = \(channel.rawValue)
                    ORDER BY id FOR UPDATE SKIP LOCKED LIMIT \(limit))
                UPDATE alerts a SET state = \(AlertState.sending.rawValue), attempts = a.attempts + 1, sent_at = now()
                FROM due WHERE a.id = due.id
                RETURNING a.id, a.idempotency_key, a.route, a.mode, a.attempts, a.finding_ids
                """,
                logger: logger
            )
            .decode((Int64, String, String, String, Int32, [Int64]).self)
        {
            claimed.append((id, key, route, mode, Int(attempts), findingIDs))
        }
        guard !claimed.isEmpty else { return [] }
        let findings = try await self.findings(ids: claimed.flatMap(\.findings), on: connection)
        return claimed.sorted { $0.id < $1.id }
            .map { alert in
                ClaimedAlert(
                    id: alert.id,
                    idempotencyKey: alert.key,
                    route: alert.route,
                    mode: AlertRoute.Mode(rawValue: alert.mode) ?? .immediate,
                    attempt: alert.attempt,
                    findings: alert.findings.sorted().compactMap { findings[$0] }
                )
            }
    }

    /// Marks an alert whose findings were all reviewed as expected or false alarm before delivery `cancelled`.
    public func cancel(_ alert: ClaimedAlert, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            UPDATE alerts SET state = \(AlertState.cancelled.rawValue),
                last_error = 'not sent: every finding was reviewed as expected or false alarm before delivery'
            WHERE id = \(alert.id)
            """,
            logger: logger
        )
    }

    /// Records the outcome of an attempt.
    public func record(
        _ alert: ClaimedAlert,
        decision: DeliveryPolicy.Decision,
        error: String?,
        on connection: PostgresConnection
    ) async throws {
        switch decision {
        case .delivered:
            try await connection.query(
                """
                UPDATE alerts SET state = \(AlertState.delivered.rawValue), delivered_at = now(), last_error = NULL
                WHERE id = \(alert.id)
                """,
                logger: logger
            )
        case .retry(let delay):
            let milliseconds = delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000
            try await connection.query(
                """
                UPDATE alerts SET state = \(AlertState.retrying.rawValue), last_error = \(error),
                    next_attempt_at = now() + make_interval(secs => \(Double(milliseconds) / 1000))
                WHERE id = \(alert.id)
                """,
                logger: logger
            )
        case .dead:
            try await connection.query(
                "UPDATE alerts SET state = \(AlertState.dead.rawValue), last_error = \(error) WHERE id = \(alert.id)",
                logger: logger
            )
        }
    }

    private func findings(ids: [Int64], on connection: PostgresConnection) async throws -> [Int64: AlertFinding] {
        var result: [Int64: AlertFinding] = [:]
        for try await (id, kind, severity, period, path, actual, expected, delta, currency, explanation, evidence)
            in try await connection.query(
                """
                SELECT id, kind, severity, period, dimension_path, actual::text, expected::text, delta::text, currency,
                       explanation, evidence::text
                FROM findings WHERE id = ANY(\(ids)) AND NOT review_status = ANY(\(ReviewStatus.silencing.map(\.rawValue)))
                """,
                logger: logger
            )
            .decode((Int64, String, String, String?, String, String?, String?, String?, String, String, String).self)
        {
            guard let kind = FindingKind(rawValue: kind), let severity = Severity(rawValue: severity) else {
                throw UnknownVocabularyError(table: "findings", id: id, values: [kind, severity])
            }
            result[id] = AlertFinding(
                id: id,
                kind: kind,
                severity: severity,
                period: period,
                dimensionPath: path,
                actual: actual,
                expected: expected,
                delta: delta,
                currency: currency,
                explanation: explanation,
                evidence: evidence
            )
        }
        for try await (id, batchID, fileName, line, amount)
            in try await connection.query(
                """
                SELECT f.id, (e.value->>'batch_id')::int8, b.file_name, (e.value->>'line')::int8, e.value->>'amount'
                FROM findings f
                CROSS JOIN LATERAL jsonb_array_elements(f.evidence) WITH ORDINALITY AS e (value, position)
                LEFT JOIN ingest_batches b ON b.id = (e.value->>'batch_id')::int8
                WHERE f.id = ANY(\(ids)) ORDER BY f.id, e.position
                """,
                logger: logger
            )
            .decode((Int64, Int64, String?, Int64, String).self)
        {
            result[id]?.evidenceLines
                .append(AlertEvidenceLine(batchID: batchID, fileName: fileName, line: line, amount: amount))
        }
        return result
    }
}
