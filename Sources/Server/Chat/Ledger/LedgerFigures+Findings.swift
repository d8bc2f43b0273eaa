import PostgresNIO
import Shared

extension LedgerFigures {
    /// A finding of the served run with its first evidence lines.
    struct FindingRow: Sendable, Hashable {
        /// `findings.id`.
        var id: Int64
        /// `findings.severity`.
        var severity: String
        /// `findings.period`, if any.
        var period: String?
        /// `findings.dimension_path`.
        var dimensionPath: String
        /// `findings.delta` (exact text), if any.
        var delta: String?
        /// `findings.explanation`.
        var explanation: String
        /// How many evidence lines it has.
        var evidenceCount: Int64
        /// Its first evidence lines.
        var lines: [EvidenceLine]
    }

    /// An evidence line: where it is, whom it paid and how much.
    struct EvidenceLine: Sendable, Hashable {
        /// The file it was loaded from, if known.
        var file: String?
        /// Its line in the file.
        var line: Int64
        /// `posting_date`, if known.
        var date: String?
        /// The supplier, if any.
        var supplier: String?
        /// The amount (exact text), from the line or, for a replaced batch, the evidence.
        var amount: String?
    }

    /// How many findings of `kind` run `runID` holds under the filter's members and first span, and the
    /// `limit` most severe (then largest |delta|) with up to `linesPerFinding` evidence lines each.
    func findings(
        _ kind: FindingKind,
        run runID: Int64,
        filter: LedgerFilter,
        limit: Int = 3,
        linesPerFinding: Int = 5
    ) async throws -> (count: Int64, top: [FindingRow]) {
        let members = filter.members.keys.sorted { $0.rawValue < $1.rawValue }
            .map { DimensionValue($0, filter.members[$0]!) }
        let pairs = members.map { ["dimension": $0.dimension.rawValue, "value": $0.value] }
        let containing =
            JSONValue.array(
                pairs.map { pair in .object(pair.keys.sorted().map { ($0, .string(pair[$0]!)) }) }
            )
            .text
        let (from, to) = (
            filter.first.map { FiscalPeriod(year: $0.year, period: $0.first).description },
            filter.first.map { FiscalPeriod(year: $0.year, period: $0.last).description }
        )
        let severities = Severity.mostUrgentFirst.map(\.rawValue)
        let selected: PostgresQuery = """
            SELECT id, severity, period, dimension_path, delta::text, explanation, jsonb_array_length(evidence)::int8,
                   count(*) OVER ()
            FROM findings
            WHERE last_run_id = \(runID) AND kind = \(kind.rawValue) AND dimensions @> \(containing)::jsonb
              AND (\(from)::text IS NULL OR (period >= \(from) AND period <= \(to)))
            ORDER BY array_position(\(severities), severity), abs(coalesce(delta, actual, 0)) DESC, id
            LIMIT \(Int64(limit))
            """
        var rows: [FindingRow] = []
        var total: Int64 = 0
        for try await (id, severity, period, path, delta, explanation, evidence, count)
            in try await client.query(
                selected,
                logger: logger
            )
            .decode((Int64, String, String?, String, String?, String, Int64, Int64).self)
        {
            total = count
            rows.append(
                FindingRow(
                    id: id,
                    severity: severity,
                    period: period,
                    dimensionPath: path,
                    delta: delta,
                    explanation: explanation,
                    evidenceCount: evidence,
                    lines: []
                )
            )
        }
        guard !rows.isEmpty else { return (0, []) }
        let lines: PostgresQuery = """
            SELECT fi.id, b.file_name, (e.value->>'line')::int8, x.posting_date::text, x.supplier,
                   coalesce(x.amount::text, e.value->>'amount')
            FROM findings fi
            CROSS JOIN LATERAL jsonb_array_elements(fi.evidence) WITH ORDINALITY AS e (value, position)
            LEFT JOIN finance_expense x
                   ON x.batch_id = (e.value->>'batch_id')::int8 AND x.source_line = (e.value->>'line')::int8
            LEFT JOIN ingest_batches b ON b.id = (e.value->>'batch_id')::int8
            WHERE fi.id = ANY(\(rows.map(\.id))) AND e.position <= \(Int64(linesPerFinding))
            ORDER BY fi.id, e.position
            """
        for try await (id, file, line, date, supplier, amount) in try await client.query(lines, logger: logger)
            .decode((Int64, String?, Int64?, String?, String?, String?).self)
        {
            guard let index = rows.firstIndex(where: { $0.id == id }), let line else { continue }
            rows[index].lines
                .append(EvidenceLine(file: file, line: line, date: date, supplier: supplier, amount: amount))
        }
        return (total, rows)
    }
}
