public import Hummingbird
public import Logging
public import PostgresNIO
import Shared

/// `GET /findings/{id}/lines`: a finding's evidence lines as journal lines (file, line, posting date, period,
/// directorate, cost centre, GL account, supplier, reference, text, amount), in evidence order; and
/// `GET /findings/counts`: a run's findings counted by severity (open ones), review status and kind, with its
/// periods and the periods holding a high or critical change (month-on-month, year-on-year or root cause).
public struct FindingLinesController: Sendable {
    let client: PostgresClient
    let timeouts: StatementTimeouts
    let logger: Logger

    /// Creates the controller; `/findings/{id}/lines` runs under `timeouts`' bounded statement timeout.
    public init(client: PostgresClient, timeouts: StatementTimeouts = StatementTimeouts(), logger: Logger) {
        self.client = client
        self.timeouts = timeouts
        self.logger = logger
    }

    /// Severities that flag a period in `/findings/counts`.
    static let flaggingSeverities = [Severity.high, .critical].map(\.rawValue)
    /// Finding kinds that describe a period's change.
    static let changeKinds = [FindingKind.monthOverMonth, .yearOverYear, .rootCause].map(\.rawValue)

    /// One journal line of `finance_expense` aliased `alias` (joined with `ingest_batches b`) as JSON text.
    static func lineJSON(_ alias: String) -> String {
        """
        jsonb_build_object('batch_id', \(alias).batch_id, 'line', \(alias).source_line, 'file_name', b.file_name,
            'posting_date', \(alias).posting_date,
            'period', \(alias).general_ledger_fiscal_year || '-' || lpad(\(alias).posting_period::text, 2, '0'),
            'directorate', \(alias).directorate, 'cost_center', \(alias).cost_center_id, 'cost_center_name', \(alias).cost_center_name,
            'gl_account', \(alias).general_ledger_account, 'gl_account_name', \(alias).general_ledger_account_name,
            'supplier', \(alias).supplier, 'reference', \(alias).reference, 'text', \(alias).document_header_text,
            'amount', \(alias).amount, 'currency', \(alias).company_code_currency_key)::text
        """
    }

    /// Adds the routes to `group` (which requires a token).
    public func add(to group: some RouterMethods<FinrcaRequestContext>) {
        group.get("/findings/counts") { request, _ in
            let run = try request.uri.queryParameters.get("run")
                .map { text -> Int64 in
                    guard let id = Int64(text), id > 0 else {
                        throw APIError.badParameter("run", "run is a detector run id")
                    }
                    return id
                }
            return try await counts(run: run)
        }
        group.get("/findings/:id/lines") { request, context in
            let id = try ReviewController.findingID(context)
            let limit = try FindingsController.limit(
                request.uri.queryParameters.get("limit"),
                default: 200,
                maximum: 1000
            )
            return try await lines(finding: id, limit: limit)
        }
    }

    func lines(finding id: Int64, limit: Int) async throws -> Response {
        try await timeouts.withBoundedConnection(client, logger: logger) { connection in
            try await lines(finding: id, limit: limit, on: connection)
        }
    }

    private func lines(finding id: Int64, limit: Int, on connection: PostgresConnection) async throws -> Response {
        var found = false
        var total: Int64 = 0
        for try await count
            in try await connection.query(
                "SELECT jsonb_array_length(evidence)::int8 FROM findings WHERE id = \(id)",
                logger: logger
            )
            .decode(Int64.self)
        {
            found = true
            total = count
        }
        guard found else { throw APIError.notFound("no finding \(id)") }
        // The evidence's (batch, line) pairs, joined to their journal lines; a line whose batch was replaced
        // since keeps its evidence amount and has no other fields. LATERAL … LIMIT 1 (a pair is one line; the limit
        // keeps the planner from flattening the subquery) looks each pair up through the partitions' BRIN index, or
        // on a shard sends one query per pair; a plain join was planned as a hash join over every line of the ledger
        // (0.44 s on 1M lines for 20 pairs, NOTES.md, issue 14).
        var rows: [String] = []
        for try await text
            in try await connection.query(
                """
                WITH evidence AS (
                    SELECT (e.value->>'batch_id')::int8 AS batch_id, (e.value->>'line')::int8 AS line, e.value->'amount' AS amount,
                           e.position
                    FROM findings f, jsonb_array_elements(f.evidence) WITH ORDINALITY AS e (value, position)
                    WHERE f.id = \(id) ORDER BY e.position LIMIT \(Int64(limit)))
                SELECT CASE WHEN x.batch_id IS NULL
                            THEN jsonb_build_object('batch_id', ev.batch_id, 'line', ev.line, 'file_name', b.file_name,
                                                    'amount', ev.amount)::text
                            ELSE \(unescaped: Self.lineJSON("x")) END
                FROM evidence ev
                LEFT JOIN LATERAL (
                    SELECT * FROM finance_expense l WHERE l.batch_id = ev.batch_id AND l.source_line = ev.line LIMIT 1
                ) x ON true
                LEFT JOIN ingest_batches b ON b.id = ev.batch_id
                ORDER BY ev.position
                """,
                logger: logger
            )
            .decode(String.self)
        {
            rows.append(text)
        }
        return Response.json(
            text: "{\"finding_id\":\(id),\"total_lines\":\(total),\"lines\":[" + rows.joined(separator: ",") + "]}",
            cacheControl: "private, no-cache"
        )
    }

    func counts(run: Int64?) async throws -> Response {
        var text = "{}"
        for try await row
            in try await client.query(
                """
                WITH r AS (SELECT coalesce(\(run), (SELECT max(id) FROM detector_runs)) AS id),
                     f AS (SELECT * FROM findings WHERE last_run_id = (SELECT id FROM r))
                SELECT jsonb_build_object(
                    'run_id', (SELECT id FROM r),
                    'total', (SELECT count(*) FROM f),
                    'open_by_severity', (SELECT coalesce(jsonb_object_agg(severity, n), '{}') FROM
                        (SELECT severity, count(*) AS n FROM f WHERE review_status = \(ReviewStatus.open.rawValue) GROUP BY 1) s),
                    'by_status', (SELECT coalesce(jsonb_object_agg(review_status, n), '{}') FROM
                        (SELECT review_status, count(*) AS n FROM f GROUP BY 1) s),
                    'by_kind', (SELECT coalesce(jsonb_object_agg(kind, n), '{}') FROM (SELECT kind, count(*) AS n FROM f GROUP BY 1) s),
                    'periods', (SELECT coalesce(jsonb_agg(period ORDER BY period DESC), '[]') FROM
                        (SELECT DISTINCT period FROM f WHERE period IS NOT NULL) s),
                    'flagged_periods', (SELECT coalesce(jsonb_agg(period ORDER BY period), '[]') FROM
                        (SELECT DISTINCT period FROM f WHERE period IS NOT NULL AND severity = ANY(\(Self.flaggingSeverities))
                         AND kind = ANY(\(Self.changeKinds))) s))::text
                """,
                logger: logger
            )
            .decode(String.self)
        { text = row }
        return Response.json(text: text, cacheControl: "private, no-cache")
    }
}
