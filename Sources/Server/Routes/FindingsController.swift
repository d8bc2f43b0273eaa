import Foundation
public import Hummingbird
public import Logging
public import PostgresNIO
import Shared

/// `GET /findings` (filters, cursor pagination, newest first), `GET /findings/{id}` with its evidence lines,
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
        let limit = try Self.limit(query.get("limit"), default: 50, maximum: 500)
        if let cursor = query.get("cursor") {
            guard let after = Self.decodeCursor(cursor) else {
                throw APIError.badParameter("cursor", "cursor is not one this server issued")
            }
            filter.before = after
        }
        var rows: [(Int64, String)] = []
        for try await row
            in try await client.query(
                FindingProjection.list(filter, order: .newestFirst, limit: limit + 1),
                logger: logger
            )
            .decode((Int64, String).self)
        {
            rows.append(row)
        }
        let page = rows.prefix(limit)
        let next = rows.count > limit ? page.last.map { "\"\(Self.encodeCursor($0.0))\"" } ?? "null" : "null"
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

    /// `f1.<id>` in base64url: opaque to clients, checked when it comes back.
    static func encodeCursor(_ id: Int64) -> String {
        Data("f1.\(id)".utf8).base64URLEncodedString
    }

    static func decodeCursor(_ cursor: String) -> Int64? {
        guard let data = Data(base64URLEncoded: cursor), let plain = String(data: data, encoding: .utf8),
            plain.hasPrefix("f1.")
        else { return nil }
        return Int64(plain.dropFirst(3)).flatMap { $0 > 0 ? $0 : nil }
    }
}
