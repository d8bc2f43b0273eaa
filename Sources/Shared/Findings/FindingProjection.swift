import Foundation
public import PostgresNIO

/// The one JSON shape of a stored finding, built by PostgreSQL from the stored numerics so amounts stay exact.
/// The API, the CLI and exports all read findings through it.
///
/// Fields: `id`, `kind`, `severity`, `score`, `attention`, `period`, `dimensions`, `dimension_path`, `actual`, `expected`,
/// `delta`, `currency`, `explanation`, `evidence` (each line with `batch_id`, `line`, `amount` and the loaded
/// file's `file_name`), `details`, `review_status`, `review_note`, `reviewed_by`, `reviewed_at`, `provisional`,
/// `fingerprint`, `first_seen`, `last_seen`, `times_seen`, `first_run_id`, `last_run_id`, `link`.
public enum FindingProjection {
    /// The JSON object of the finding `f`, as text.
    static let objectSQL = """
        jsonb_build_object(
            'id', f.id, 'kind', f.kind, 'severity', f.severity, 'score', f.score, 'attention', f.attention,
            'period', f.period,
            'dimensions', f.dimensions, 'dimension_path', f.dimension_path, 'actual', f.actual, 'expected', f.expected,
            'delta', f.delta, 'currency', f.currency, 'explanation', f.explanation,
            'evidence', (SELECT coalesce(jsonb_agg(e.value || jsonb_build_object('file_name', b.file_name) ORDER BY e.position), '[]'::jsonb)
                         FROM jsonb_array_elements(f.evidence) WITH ORDINALITY AS e (value, position)
                         LEFT JOIN ingest_batches b ON b.id = (e.value->>'batch_id')::int8),
            'details', f.details, 'review_status', f.review_status, 'review_note', f.review_note,
            'reviewed_by', f.reviewed_by, 'reviewed_at', f.reviewed_at, 'provisional', f.provisional,
            'fingerprint', f.fingerprint, 'first_seen', f.first_seen, 'last_seen', f.last_seen,
            'times_seen', f.times_seen, 'first_run_id', f.first_run_id, 'last_run_id', f.last_run_id,
            'link', '/findings/' || f.id)::text
        """

    /// `SELECT id, json` of the findings that pass `filter`, in `order`, at most `limit` after skipping `offset`.
    public static func list(_ filter: FindingFilter, order: FindingOrder, limit: Int, offset: Int = 0) -> PostgresQuery
    {
        let kind = filter.kind?.rawValue
        let severity = filter.severity?.rawValue
        let severities = filter.minimumSeverity.map { minimum in
            Severity.allCases.filter { $0 >= minimum }.map(\.rawValue)
        }
        let status = filter.status?.rawValue
        let period = filter.period?.description
        let dimension = filter.dimension?.rawValue
        let pattern = filter.pathContains.map { text in
            "%"
                + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
        }
        let urgency = Severity.mostUrgentFirst.map(\.rawValue)
        let urgent = order == .mostUrgentFirst
        return """
            SELECT f.id, \(unescaped: objectSQL) FROM findings f
            WHERE (\(kind)::text IS NULL OR f.kind = \(kind))
              AND (\(severity)::text IS NULL OR f.severity = \(severity))
              AND (\(severities)::text[] IS NULL OR f.severity = ANY(\(severities)))
              AND (\(status)::text IS NULL OR f.review_status = \(status))
              AND (\(period)::text IS NULL OR f.period = \(period))
              AND (\(filter.before)::int8 IS NULL OR f.id < \(filter.before))
              AND (\(dimension)::text IS NULL
                   OR f.dimensions @> jsonb_build_array(jsonb_build_object('dimension', \(dimension)::text)))
              AND (\(pattern)::text IS NULL OR f.dimension_path ILIKE \(pattern))
              AND f.last_run_id = coalesce(
                  \(filter.run), CASE WHEN \(filter.latestRunOnly) THEN (SELECT max(id) FROM detector_runs) END, f.last_run_id)
            ORDER BY CASE WHEN \(urgent) THEN array_position(\(urgency), f.severity) END,
                     CASE WHEN \(urgent) THEN f.attention END DESC NULLS LAST,
                     CASE WHEN \(urgent) THEN abs(coalesce(f.delta, f.actual, 0)) END DESC,
                     CASE WHEN \(urgent) THEN f.id ELSE -f.id END
            LIMIT \(Int64(limit)) OFFSET \(Int64(offset))
            """
    }

    /// `SELECT id, json` of one finding.
    public static func one(id: Int64) -> PostgresQuery {
        "SELECT f.id, \(unescaped: objectSQL) FROM findings f WHERE f.id = \(id)"
    }
}
