import Foundation
public import Hummingbird
public import Logging
public import PostgresNIO
import Shared

/// `GET /findings` (filters, cursor pagination, newest first or by rank), `GET /findings/{id}` with its evidence lines,
/// and `GET /runs`. The JSON of each row is built by PostgreSQL from the stored numerics, so amounts stay exact.
public struct FindingsController: Sendable {
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

    func list(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        var filter = FindingFilter()
        if let kind = query.get("kind") {
            guard let parsed = FindingKind(rawValue: kind) else {
                throw APIError.badParameter("kind", "kind must be one of \(FindingKind.choices)")
            }
            filter.kind = parsed
        }
        if let severity = query.get("severity") {
            guard let parsed = Severity(rawValue: severity) else {
                throw APIError.badParameter("severity", "severity must be one of \(Severity.choices)")
            }
            filter.severity = parsed
        }
        if let status = query.get("status") {
            guard let parsed = ReviewStatus(rawValue: status) else {
                throw APIError.badParameter("status", "status must be one of \(ReviewStatus.choices)")
            }
            filter.status = parsed
        }
        if let period = query.get("period") {
            guard let parsed = FiscalPeriod(period) else {
                throw APIError.badParameter("period", "period must look like 2024-05")
            }
            filter.period = parsed
        }
        if let run = query.get("run") {
            guard let id = Int64(run), id > 0 else { throw APIError.badParameter("run", "run is a detector run id") }
            filter.run = id
        }
        if let dimension = query.get("dimension") {
            guard let parsed = LedgerDimension(rawValue: dimension) else {
                throw APIError.badParameter("dimension", "dimension must be one of \(LedgerDimension.choices)")
            }
            filter.dimension = parsed
        }
        if let text = query.get("q") {
            guard (1...100).contains(text.count) else { throw APIError.badParameter("q", "q is 1 to 100 characters") }
            filter.pathContains = text
        }
        let byRank = query.get("sort") == "rank"
        guard ["rank", "id", nil].contains(query.get("sort")) else {
            throw APIError.badParameter("sort", "sort is id (newest first) or rank")
        }
        let limit = try Self.limit(query.get("limit"), default: 50, maximum: 500)
        var offset = 0
        if let cursor = query.get("cursor") {
            guard let position = Self.decodeCursor(cursor, rank: byRank) else {
                throw APIError.badParameter("cursor", "cursor is not one this server issued")
            }
            if byRank { offset = Int(position) } else { filter.before = position }
        }
        var rows: [(Int64, String)] = []
        for try await row
            in try await client.query(
                FindingProjection.list(
                    filter,
                    order: byRank ? .mostUrgentFirst : .newestFirst,
                    limit: limit + 1,
                    offset: offset
                ),
                logger: logger
            )
            .decode((Int64, String).self)
        {
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
        for try await (_, row) in try await client.query(FindingProjection.one(id: id), logger: logger)
            .decode((Int64, String).self)
        {
            text = row
        }
        guard let text else { throw APIError.notFound("no finding \(id)") }
        return .json(text: text, cacheControl: "private, no-cache")
    }

    func runs(_ request: Request) async throws -> Response {
        let limit = try Self.limit(request.uri.queryParameters.get("limit"), default: 20, maximum: 200)
        var rows: [String] = []
        for try await row
            in try await client.query(
                """
                SELECT jsonb_build_object('id', id, 'started_at', started_at, 'finished_at', finished_at,
                    'latest_period', latest_period, 'passes', passes, 'rows_scanned', rows_scanned,
                    'findings_total', findings_total, 'findings_new', findings_new, 'provisional', provisional,
                    'currency', currency)::text
                FROM detector_runs ORDER BY id DESC LIMIT \(limit)
                """,
                logger: logger
            )
            .decode(String.self)
        { rows.append(row) }
        return .json(text: "{\"runs\":[" + rows.joined(separator: ",") + "]}", cacheControl: "private, no-cache")
    }

    static func limit(_ text: String?, default value: Int, maximum: Int) throws -> Int {
        guard let text else { return value }
        guard let limit = Int(text), (1...maximum).contains(limit) else {
            throw APIError.badParameter("limit", "limit must be a whole number from 1 to \(maximum)")
        }
        return limit
    }

    /// `f1.<id>` (newest first) or `f2.<offset>` (by rank) in base64url: opaque to clients, checked when it comes
    /// back.
    static func encodeCursor(_ position: Int64, rank: Bool = false) -> String {
        Data("\(rank ? "f2" : "f1").\(position)".utf8).base64URLEncodedString
    }

    static func decodeCursor(_ cursor: String, rank: Bool = false) -> Int64? {
        let prefix = rank ? "f2." : "f1."
        guard let data = Data(base64URLEncoded: cursor), let plain = String(data: data, encoding: .utf8),
            plain.hasPrefix(prefix)
        else { return nil }
        return Int64(plain.dropFirst(3)).flatMap { $0 > 0 && (!rank || $0 <= 1_000_000) ? $0 : nil }
    }
}
