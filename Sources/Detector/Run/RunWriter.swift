public import Foundation
public import Logging
public import PostgresNIO
public import Shared

/// Writes one detector run — its `detector_runs` row, its findings and its dashboard documents — in ONE
/// transaction, so a failed or interrupted run leaves the previous run's results exactly as they were.
public struct RunWriter: Sendable {
    /// What was written.
    public struct Outcome: Sendable {
        /// The new run's id.
        public var runID: Int64
        /// Findings seen for the first time.
        public var newFindings: Int
        /// Findings that already existed and were updated (`last_seen`, `times_seen`).
        public var updatedFindings: Int
        /// Ids of the findings first seen in this run.
        public var newFindingIDs: [Int64]
        /// Alerts queued in the outbox for this run.
        public var alertsQueued: Int
        /// The previous run's findings carried forward (an incremental run).
        public var carriedFindings: Int = 0
    }

    /// A dashboard document: name, schema version, content.
    public struct Document: Sendable {
        /// e.g. `summary`, `chart_trend`.
        public var name: String
        /// e.g. `finrca.summary/1`.
        public var schema: String
        /// The JSON content (its `schema` field repeats ``schema``).
        public var content: JSONValue

        /// Creates a document.
        public init(name: String, schema: String, content: JSONValue) {
            self.name = name
            self.schema = schema
            self.content = content
        }
    }

    /// The run's own record.
    public struct RunRecord: Sendable {
        /// When the run began.
        public var startedAt: Date
        /// The latest period analysed.
        public var latestPeriod: FiscalPeriod?
        /// Passes that ran.
        public var passes: [String]
        /// Journal lines read.
        public var rowsScanned: Int
        /// Whether the latest period looked incomplete.
        public var provisional: Bool
        /// The currency of the figures.
        public var currency: String
        /// Figures of the run for operators (counts by kind and severity, timings).
        public var summary: JSONValue
    }

    private let keepRuns: Int
    let logger: Logger

    /// Creates a writer that keeps the documents of the `keepRuns` latest runs.
    public init(keepRuns: Int, logger: Logger) {
        self.keepRuns = keepRuns
        self.logger = logger
    }

    /// Writes the run in one transaction; nothing is written when this throws.
    ///
    /// The same transaction queues the alerts (the outbox): one per (finding first seen now, immediate route) and
    /// one per digest route with all its new findings, so a finding never exists without its alerts. With a
    /// `history`, it records the batches the run analysed and carries the previous run's findings forward
    /// (``record(_:runID:on:)``).
    public func write(
        run: RunRecord,
        findings: [Finding],
        documents: [Document],
        routes: [AlertRoute] = [],
        history: History? = nil,
        on connection: PostgresConnection
    ) async throws -> Outcome {
        try await connection.transaction(logger: logger) { connection in
            .commit(
                try await writeInTransaction(
                    run: run,
                    findings: findings,
                    documents: documents,
                    routes: routes,
                    history: history,
                    on: connection
                )
            )
        }
    }

    private func writeInTransaction(
        run: RunRecord,
        findings: [Finding],
        documents: [Document],
        routes: [AlertRoute],
        history: History?,
        on connection: PostgresConnection
    ) async throws -> Outcome {
        var runID: Int64 = 0
        for try await id
            in try await connection.query(
                """
                INSERT INTO detector_runs (started_at, latest_period, passes, rows_scanned, findings_total, findings_new,
                                           provisional, currency, summary)
                VALUES (\(run.startedAt), \(run.latestPeriod?.description), \(run.passes), \(Int64(run.rowsScanned)),
                        \(findings.count), 0, \(run.provisional), \(run.currency), \(run.summary.text)::jsonb)
                RETURNING id
                """,
                logger: logger
            )
            .decode(Int64.self)
        {
            runID = id
        }
        var newIDs: [Int64] = []
        var newFindings: [(id: Int64, finding: Finding)] = []
        for finding in findings {
            let draft = finding.draft
            for try await (id, inserted)
                in try await connection.query(
                    """
                    INSERT INTO findings (fingerprint, kind, severity, score, attention, period, dimensions,
                                          dimension_path, actual, expected, delta, currency, explanation, evidence,
                                          details, provisional, first_run_id, last_run_id)
                    VALUES (\(finding.fingerprint), \(draft.kind.rawValue), \(finding.severity.rawValue),
                            \(draft.score.isFinite ? draft.score : 1e300), \(draft.attention),
                            \(draft.period?.description),
                            \(finding.dimensionsJSON.text)::jsonb, \(Finding.path(draft.dimensions)),
                            \(draft.actual?.description)::numeric, \(draft.expected?.description)::numeric,
                            \(draft.delta?.description)::numeric, \(finding.currency), \(draft.explanation),
                            \(finding.evidenceJSON.text)::jsonb, \(finding.detailsJSON.text)::jsonb,
                            \(finding.provisional), \(runID), \(runID))
                    ON CONFLICT (fingerprint) DO UPDATE SET
                        severity = EXCLUDED.severity, score = EXCLUDED.score, attention = EXCLUDED.attention,
                        actual = EXCLUDED.actual,
                        expected = EXCLUDED.expected, delta = EXCLUDED.delta, currency = EXCLUDED.currency,
                        explanation = EXCLUDED.explanation, evidence = EXCLUDED.evidence, details = EXCLUDED.details,
                        provisional = EXCLUDED.provisional, last_run_id = EXCLUDED.last_run_id, last_seen = now(),
                        times_seen = findings.times_seen + 1
                    RETURNING id, (xmax = 0)
                    """,
                    logger: logger
                )
                .decode((Int64, Bool).self) where inserted
            {
                newIDs.append(id)
                newFindings.append((id, finding))
            }
        }
        let alertsQueued = try await queueAlerts(for: newFindings, routes: routes, runID: runID, on: connection)
        for document in documents {
            try await connection.query(
                """
                INSERT INTO dashboard_documents (run_id, name, schema, document)
                VALUES (\(runID), \(document.name), \(document.schema), \(document.content.text)::jsonb)
                """,
                logger: logger
            )
        }
        var carried = 0
        if let history { carried = try await record(history, written: findings, runID: runID, on: connection) }
        try await connection.query(
            """
            UPDATE detector_runs SET findings_new = \(newIDs.count), findings_total = findings_total + \(carried),
                finished_at = now()
            WHERE id = \(runID)
            """,
            logger: logger
        )
        try await connection.query(
            """
            DELETE FROM dashboard_documents
            WHERE run_id < (SELECT min(id) FROM (SELECT id FROM detector_runs ORDER BY id DESC LIMIT \(keepRuns)) AS kept)
            """,
            logger: logger
        )
        return Outcome(
            runID: runID,
            newFindings: newIDs.count,
            updatedFindings: findings.count - newIDs.count,
            newFindingIDs: newIDs,
            alertsQueued: alertsQueued,
            carriedFindings: carried
        )
    }

    /// Inserts the outbox rows for the findings first seen in this run; an existing idempotency key is left alone.
    private func queueAlerts(
        for findings: [(id: Int64, finding: Finding)],
        routes: [AlertRoute],
        runID: Int64,
        on connection: PostgresConnection
    ) async throws -> Int {
        var queued = 0
        for route in routes {
            let matching = findings.filter { entry in
                let draft = entry.finding.draft
                return route.matches(
                    kind: draft.kind,
                    severity: entry.finding.severity,
                    dimensions: Dictionary(
                        draft.dimensions.map { ($0.dimension.rawValue, $0.value) },
                        uniquingKeysWith: { first, _ in first }
                    ),
                    stake: draft.delta ?? draft.actual ?? .zero
                )
            }
            guard !matching.isEmpty else { continue }
            let batches: [(key: String, ids: [Int64])] =
                switch route.mode {
                case .immediate: matching.map { (route.idempotencyKey(fingerprint: $0.finding.fingerprint), [$0.id]) }
                case .digest: [(route.idempotencyKey(runID: runID), matching.map(\.id))]
                }
            for batch in batches {
                for try await _
                    in try await connection.query(
                        """
                        INSERT INTO alerts (idempotency_key, route, channel, mode, run_id, finding_ids)
                        VALUES (\(batch.key), \(route.name), \(route.channel.rawValue), \(route.mode.rawValue), \(runID), \(batch.ids))
                        ON CONFLICT (idempotency_key) DO NOTHING
                        RETURNING id
                        """,
                        logger: logger
                    )
                    .decode(Int64.self)
                {
                    queued += 1
                }
            }
        }
        return queued
    }
}
