import Foundation
public import Hummingbird
public import Logging
public import PostgresNIO
import Shared

/// `GET /findings` (filters, cursor pagination, newest first or by rank), `GET /findings/{id}` with its evidence lines,
/// and `GET /runs`. The JSON of each row is built by PostgreSQL from the stored numerics, so amounts stay exact.
public struct FindingsController: Sendable {
    static let severities = ["info", "low", "medium", "high", "critical"]
    static let statuses = ["open", "confirmed", "expected", "false_alarm"]
    /// `sort=rank`: most severe first, then the largest amount at stake (as `finrca findings` lists them).
    static let rankOrder = """
        array_position(ARRAY['critical','high','medium','low','info'], f.severity), abs(coalesce(f.delta, f.actual, 0)) DESC, f.id DESC
        """

    let client: PostgresClient
    let logger: Logger

    /// Creates the controller.
    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Adds the routes to `group`.
    public func add(to group: some RouterMethods<FinrcaRequestContext>) {
        group.get("/findings") { request, _ in try await list(request) }
        group.get("/findings/:id") { _, context in
            guard let id = context.parameters.get("id", as: Int64.self) else {
                throw APIError.badParameter("id", "a finding id is a whole number")
            }
            return try await one(id)
        }
        group.get("/runs") { request, _ in try await runs(request) }
    }

    /// One finding's JSON: its columns, evidence lines with their file names, and a link.
    static let findingJSON = """
        jsonb_build_object(
            'id', f.id, 'kind', f.kind, 'severity', f.severity, 'score', f.score, 'period', f.period,
            'dimensions', f.dimensions, 'dimension_path', f.dimension_path, 'actual', f.actual, 'expected', f.expected,
            'delta', f.delta, 'currency', f.currency, 'explanation', f.explanation,
            'evidence', (SELECT coalesce(jsonb_agg(e.value || jsonb_build_object('file_name', b.file_name) ORDER BY e.position), '[]'::jsonb)
                         FROM jsonb_array_elements(f.evidence) WITH ORDINALITY AS e (value, position)
                         LEFT JOIN ingest_batches b ON b.id = (e.value->>'batch_id')::int8),
            'details', f.details, 'review_status', f.review_status, 'reviewed_by', f.reviewed_by, 'reviewed_at', f.reviewed_at,
            'review_note', f.review_note, 'provisional', f.provisional, 'first_seen', f.first_seen, 'last_seen', f.last_seen,
            'times_seen', f.times_seen, 'first_run_id', f.first_run_id, 'last_run_id', f.last_run_id,
            'link', '/findings/' || f.id)::text
        """

    func list(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        var conditions: [String] = []
        var bindings = PostgresBindings()
        func bind(_ condition: (Int) -> String, _ value: some PostgresEncodable & Sendable) throws {
            try bindings.append(value)
            conditions.append(condition(bindings.count))
        }
        if let kind = query.get("kind") {
            guard !kind.isEmpty, kind.utf8.count <= 40, kind.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || $0 == 95 }) else {
                throw APIError.badParameter("kind", "kind is a finding kind such as mom_change (lower-case letters and _)")
            }
            try bind({ "f.kind = $\($0)" }, kind)
        }
        if let severity = query.get("severity") {
            guard Self.severities.contains(severity) else {
                throw APIError.badParameter("severity", "severity must be one of \(Self.severities.joined(separator: ", "))")
            }
            try bind({ "f.severity = $\($0)" }, severity)
        }
        if let status = query.get("status") {
            guard Self.statuses.contains(status) else {
                throw APIError.badParameter("status", "status must be one of \(Self.statuses.joined(separator: ", "))")
            }
            try bind({ "f.review_status = $\($0)" }, status)
        }
        if let period = query.get("period") {
            guard let parsed = FiscalPeriod(period) else { throw APIError.badParameter("period", "period must look like 2024-05") }
            try bind({ "f.period = $\($0)" }, parsed.description)
        }
        if let run = query.get("run") {
            guard let id = Int64(run), id > 0 else { throw APIError.badParameter("run", "run is a detector run id") }
            try bind({ "f.last_run_id = $\($0)" }, id)
        }
        if let dimension = query.get("dimension") {
            guard DocumentController.dimensions.contains(dimension) else {
                throw APIError.badParameter("dimension", "dimension must be one of \(DocumentController.dimensions.joined(separator: ", "))")
            }
            try bind({ "(f.dimensions @> jsonb_build_array(jsonb_build_object('dimension', $\($0)::text)) OR f.dimensions ? $\($0))" }, dimension)
        }
        if let text = query.get("q") {
            guard (1...100).contains(text.count) else { throw APIError.badParameter("q", "q is 1 to 100 characters") }
            let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            try bind({ "f.dimension_path ILIKE $\($0)" }, pattern)
        }
        let byRank = query.get("sort") == "rank"
        guard ["rank", "id", nil].contains(query.get("sort")) else { throw APIError.badParameter("sort", "sort is id (newest first) or rank") }
        let limit = try Self.limit(query.get("limit"), default: 50, maximum: 500)
        var offset = 0
        if let cursor = query.get("cursor") {
            guard let position = Self.decodeCursor(cursor, rank: byRank) else {
                throw APIError.badParameter("cursor", "cursor is not one this server issued")
            }
            if byRank { offset = Int(position) } else { try bind({ "f.id < $\($0)" }, position) }
        }
        let sql = """
            SELECT f.id, \(Self.findingJSON) FROM findings f
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY \(byRank ? Self.rankOrder : "f.id DESC") LIMIT \(limit + 1) OFFSET \(offset)
            """
        var rows: [(Int64, String)] = []
        for try await row in try await client.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger).decode((Int64, String).self) {
            rows.append(row)
        }
        let page = rows.prefix(limit)
        let position = byRank ? Int64(offset + limit) : page.last?.0 ?? 0
        let next = rows.count > limit ? "\"\(Self.encodeCursor(position, rank: byRank))\"" : "null"
        let body = "{\"findings\":[" + page.map(\.1).joined(separator: ",") + "],\"next_cursor\":\(next)}"
        return .json(text: body, cacheControl: "private, no-cache")
    }

    func one(_ id: Int64) async throws -> Response {
        var text: String?
        for try await (_, row) in try await client.query(
            PostgresQuery(unsafeSQL: "SELECT f.id, \(Self.findingJSON) FROM findings f WHERE f.id = $1", binds: Self.bindings(id)),
            logger: logger
        ).decode((Int64, String).self) { text = row }
        guard let text else { throw APIError.notFound("no finding \(id)") }
        return .json(text: text, cacheControl: "private, no-cache")
    }

    func runs(_ request: Request) async throws -> Response {
        let limit = try Self.limit(request.uri.queryParameters.get("limit"), default: 20, maximum: 200)
        var rows: [String] = []
        for try await row in try await client.query(
            """
            SELECT jsonb_build_object('id', id, 'started_at', started_at, 'finished_at', finished_at,
                'latest_period', latest_period, 'passes', passes, 'rows_scanned', rows_scanned,
                'findings_total', findings_total, 'findings_new', findings_new, 'provisional', provisional,
                'currency', currency)::text
            FROM detector_runs ORDER BY id DESC LIMIT \(limit)
            """, logger: logger
        ).decode(String.self) { rows.append(row) }
        return .json(text: "{\"runs\":[" + rows.joined(separator: ",") + "]}", cacheControl: "private, no-cache")
    }

    static func limit(_ text: String?, default value: Int, maximum: Int) throws -> Int {
        guard let text else { return value }
        guard let limit = Int(text), (1...maximum).contains(limit) else {
            throw APIError.badParameter("limit", "limit must be a whole number from 1 to \(maximum)")
        }
        return limit
    }

    static func bindings(_ values: Int64...) -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        return bindings
    }

    /// `f1.<id>` (newest first) or `f2.<offset>` (by rank) in base64url: opaque to clients, checked when it comes back.
    static func encodeCursor(_ position: Int64, rank: Bool = false) -> String {
        Data("\(rank ? "f2" : "f1").\(position)".utf8).base64URLEncodedString
    }

    static func decodeCursor(_ cursor: String, rank: Bool = false) -> Int64? {
        let prefix = rank ? "f2." : "f1."
        guard let data = Data(base64URLEncoded: cursor), let plain = String(data: data, encoding: .utf8), plain.hasPrefix(prefix) else { return nil }
        return Int64(plain.dropFirst(3)).flatMap { $0 > 0 && (!rank || $0 <= 1_000_000) ? $0 : nil }
    }
}
