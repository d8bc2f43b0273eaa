public import Hummingbird
public import Logging
public import PostgresNIO
import Shared

/// `GET /explore/bridge` (two periods, a filter down directorate → cost centre → GL account → supplier: the
/// bridge by the next level and ranked root causes) and `GET /explore/lines` (the journal lines under such a
/// filter, largest first, a page at a time). Both are summed or read in PostgreSQL with bound values.
public struct ExploreController: Sendable {
    let store: DocumentStore
    let client: PostgresClient
    let logger: Logger

    /// Creates the controller.
    public init(store: DocumentStore, client: PostgresClient, logger: Logger) {
        self.store = store
        self.client = client
        self.logger = logger
    }

    /// Adds the routes to `group` (which requires a token).
    public func add(to group: some RouterMethods<FinrcaRequestContext>) {
        group.get("/explore/bridge") { request, _ in
            let filter = try ExploreFilter(query: { request.uri.queryParameters.get($0) })
            let bridge = try await bridge(filter)
            return Response.json(text: bridge.json(currency: currency()).text, cacheControl: "private, no-cache")
        }
        group.get("/explore/lines") { request, _ in
            let query = request.uri.queryParameters
            let filter = try ExploreFilter(query: { query.get($0) })
            let limit = try FindingsController.limit(query.get("limit"), default: 100, maximum: 500)
            let offset = try query.get("offset").map { text -> Int in
                guard let offset = Int(text), (0...100_000).contains(offset) else {
                    throw APIError.badParameter("offset", "offset is a whole number from 0 to 100000")
                }
                return offset
            } ?? 0
            return try await lines(filter, limit: limit, offset: offset)
        }
    }

    func currency() -> String {
        store.current?.documents["summary"]?.content["currency"]?.stringValue ?? ""
    }

    /// Per member of every open level, its totals in both periods (one GROUPING SETS query).
    func bridge(_ filter: ExploreFilter) async throws -> ExploreBridge {
        var binds = PostgresBindingsBuilder()
        let condition = filter.whereClause(&binds)
        let from = binds.add(Int32(filter.from.year)), fromPeriod = binds.add(Int32(filter.from.period))
        let to = binds.add(Int32(filter.to.year)), toPeriod = binds.add(Int32(filter.to.period))
        let open = filter.openLevels
        let sums = """
            coalesce(sum(amount) FILTER (WHERE general_ledger_fiscal_year = \(from) AND posting_period = \(fromPeriod)), 0)::text,
            coalesce(sum(amount) FILTER (WHERE general_ledger_fiscal_year = \(to) AND posting_period = \(toPeriod)), 0)::text,
            count(*) FILTER (WHERE general_ledger_fiscal_year = \(from) AND posting_period = \(fromPeriod)),
            count(*) FILTER (WHERE general_ledger_fiscal_year = \(to) AND posting_period = \(toPeriod))
            """
        let sql: String
        if open.isEmpty {
            sql = "SELECT '', '', \(sums) FROM finance_expense WHERE \(condition)"
        } else {
            let cases = open.enumerated().map { index, level in
                "WHEN GROUPING(\(level.column)) = 0 THEN '\(index)'"
            }.joined(separator: " ")
            let member = open.map { "WHEN GROUPING(\($0.column)) = 0 THEN \(ExploreFilter.memberExpression($0.column))" }
                .joined(separator: " ")
            sql = """
                SELECT CASE \(cases) ELSE '' END, CASE \(member) ELSE '' END, \(sums)
                FROM finance_expense WHERE \(condition)
                GROUP BY GROUPING SETS (\(open.map { "(\($0.column))" }.joined(separator: ", ")), ())
                """
        }
        var members: [ExploreBridge.Member] = []
        var totals = (from: Money.zero, to: Money.zero, linesFrom: Int64(0), linesTo: Int64(0))
        for try await (level, member, before, after, linesBefore, linesAfter) in try await client.query(
            PostgresQuery(unsafeSQL: sql, binds: binds.bindings), logger: logger
        ).decode((String, String, String, String, Int64, Int64).self) {
            let fromAmount = Money(decimalText: before) ?? .zero, toAmount = Money(decimalText: after) ?? .zero
            if let index = Int(level), open.indices.contains(index) {
                members.append(ExploreBridge.Member(
                    dimension: open[index].dimension, member: member, from: fromAmount, to: toAmount,
                    linesFrom: linesBefore, linesTo: linesAfter))
            } else {
                totals = (fromAmount, toAmount, linesBefore, linesAfter)
            }
        }
        return ExploreBridge(filter: filter, members: members, totals: totals)
    }

    /// The lines under `filter` in either period, largest magnitude first.
    func lines(_ filter: ExploreFilter, limit: Int, offset: Int) async throws -> Response {
        var binds = PostgresBindingsBuilder()
        let condition = filter.whereClause(&binds)
        let sql = """
            SELECT (SELECT count(*) FROM finance_expense WHERE \(condition)), \(FindingLinesController.lineJSON("x"))
            FROM (SELECT * FROM finance_expense WHERE \(condition) ORDER BY abs(amount) DESC, batch_id, source_line
                  LIMIT \(limit) OFFSET \(offset)) x
            LEFT JOIN ingest_batches b ON b.id = x.batch_id
            ORDER BY abs(x.amount) DESC, x.batch_id, x.source_line
            """
        var total: Int64 = 0
        var rows: [String] = []
        for try await (count, text) in try await client.query(PostgresQuery(unsafeSQL: sql, binds: binds.bindings), logger: logger)
            .decode((Int64, String).self)
        {
            total = count
            rows.append(text)
        }
        if rows.isEmpty {
            for try await count in try await client.query(
                PostgresQuery(unsafeSQL: "SELECT count(*) FROM finance_expense WHERE \(condition)", binds: binds.bindings), logger: logger
            ).decode(Int64.self) { total = count }
        }
        let next = offset + rows.count < total ? String(offset + rows.count) : "null"
        return Response.json(
            text: "{\"total_lines\":\(total),\"offset\":\(offset),\"next_offset\":\(next),\"lines\":[" + rows.joined(separator: ",") + "]}",
            cacheControl: "private, no-cache")
    }
}
