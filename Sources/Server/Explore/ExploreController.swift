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
    let timeouts: StatementTimeouts
    let logger: Logger

    /// Creates the controller; both routes run under `timeouts`' bounded statement timeout.
    public init(
        store: DocumentStore,
        client: PostgresClient,
        timeouts: StatementTimeouts = StatementTimeouts(),
        logger: Logger
    ) {
        self.store = store
        self.client = client
        self.timeouts = timeouts
        self.logger = logger
    }

    /// Adds the routes to `group` (which requires a token).
    public func add(to group: some RouterMethods<FinrcaRequestContext>) {
        group.get("/explore/bridge") { request, _ in
            let filter = try ExploreFilter(
                query: { request.uri.queryParameters.get($0) },
                currency: try currency(request)
            )
            let bridge = try await timeouts.withBoundedConnection(client, logger: logger) {
                try await self.bridge(filter, on: $0)
            }
            return Response.json(text: bridge.json(currency: filter.currency).text, cacheControl: "private, no-cache")
        }
        group.get("/explore/lines") { request, _ in
            let query = request.uri.queryParameters
            let filter = try ExploreFilter(query: { query.get($0) }, currency: try currency(request))
            let limit = try FindingsController.limit(query.get("limit"), default: 100, maximum: 500)
            let offset =
                try query.get("offset")
                .map { text -> Int in
                    guard let offset = Int(text), (0...100_000).contains(offset) else {
                        throw APIError.badParameter("offset", "offset is a whole number from 0 to 100000")
                    }
                    return offset
                } ?? 0
            return try await timeouts.withBoundedConnection(client, logger: logger) {
                try await self.lines(filter, limit: limit, offset: offset, on: $0)
            }
        }
    }

    /// The request's `currency`, or the served run's main currency.
    func currency(_ request: Request) throws -> String {
        guard let snapshot = store.current else { throw APIError.noRun }
        return try LedgerCurrency.chosen(request.uri.queryParameters.get("currency"), snapshot: snapshot)
    }

    /// Per member of every open level, its totals in both periods (one GROUPING SETS query).
    func bridge(_ filter: ExploreFilter, on connection: PostgresConnection) async throws -> ExploreBridge {
        let open = filter.openLevels
        let sums = """
            (coalesce(sum(x.amount) FILTER (WHERE x.in_from), 0) * 100)::int8,
            (coalesce(sum(x.amount) FILTER (WHERE x.in_to), 0) * 100)::int8,
            count(*) FILTER (WHERE x.in_from), count(*) FILTER (WHERE x.in_to)
            """
        let levelSQL = open.map { "WHEN GROUPING(x.\($0.quotedColumn)) = 0 THEN '\($0.rawValue)'" }
            .joined(separator: " ")
        let memberSQL =
            open.map { "WHEN GROUPING(x.\($0.quotedColumn)) = 0 THEN \(ExploreFilter.memberSQL($0, alias: "x"))" }
            .joined(separator: " ")
        let grouping =
            open.isEmpty
            ? "" : "GROUP BY GROUPING SETS (\(open.map { "(x.\($0.quotedColumn))" }.joined(separator: ", ")), ())"
        // The lines are selected in a subquery planned on its own (OFFSET 0): in a query with GROUPING SETS,
        // PostgreSQL keeps the filter's values as placeholders, so the periods pruned no partition and used no index
        // (every partition was scanned: 2.1 s instead of 0.4 s at 5M lines, NOTES.md issue 14).
        let body = """
            SELECT \(open.isEmpty ? "''" : "CASE \(levelSQL) ELSE '' END"), \(open.isEmpty ? "''" : "CASE \(memberSQL) ELSE '' END"),
                   \(sums)
            FROM (SELECT x.amount, \(ExploreFilter.levels.map { "x.\($0.quotedColumn)" }.joined(separator: ", ")),
                         x.general_ledger_fiscal_year = filter.from_year AND x.posting_period = filter.from_period
                             AS in_from,
                         x.general_ledger_fiscal_year = filter.to_year AND x.posting_period = filter.to_period AS in_to
                  FROM finance_expense x, filter
                  WHERE \(ExploreFilter.conditionSQL("x"))
                  OFFSET 0) x
            \(grouping)
            """
        var members: [ExploreBridge.Member] = []
        var totals = (from: Money.zero, to: Money.zero, linesFrom: Int64(0), linesTo: Int64(0))
        for try await (level, member, before, after, linesBefore, linesAfter)
            in try await connection.query(
                filter.query(body),
                logger: logger
            )
            .decode((String, String, Int64, Int64, Int64, Int64).self)
        {
            let (fromAmount, toAmount) = (Money(minorUnits: before), Money(minorUnits: after))
            if let dimension = LedgerDimension(rawValue: level) {
                members.append(
                    ExploreBridge.Member(
                        dimension: dimension,
                        member: member,
                        from: fromAmount,
                        to: toAmount,
                        linesFrom: linesBefore,
                        linesTo: linesAfter
                    )
                )
            } else {
                totals = (fromAmount, toAmount, linesBefore, linesAfter)
            }
        }
        return ExploreBridge(filter: filter, members: members, totals: totals)
    }

    /// The lines under `filter` in either period, largest magnitude first.
    func lines(
        _ filter: ExploreFilter,
        limit: Int,
        offset: Int,
        on connection: PostgresConnection
    ) async throws -> Response {
        let condition = ExploreFilter.conditionSQL("x")
        var total: Int64 = 0
        for try await count
            in try await connection.query(
                filter.query("SELECT count(*) FROM finance_expense x, filter WHERE \(condition)"),
                logger: logger
            )
            .decode(Int64.self)
        {
            total = count
        }
        var rows: [String] = []
        for try await text
            in try await connection.query(
                filter.query(
                    """
                    SELECT \(FindingLinesController.lineJSON("x"))
                    FROM finance_expense x CROSS JOIN filter LEFT JOIN ingest_batches b ON b.id = x.batch_id
                    WHERE \(condition)
                    ORDER BY abs(x.amount) DESC, x.batch_id, x.source_line
                    LIMIT \(limit) OFFSET \(offset)
                    """
                ),
                logger: logger
            )
            .decode(String.self)
        {
            rows.append(text)
        }
        let next = offset + rows.count < total ? String(offset + rows.count) : "null"
        return Response.json(
            text: "{\"total_lines\":\(total),\"offset\":\(offset),\"next_offset\":\(next),\"lines\":["
                + rows.joined(separator: ",") + "]}",
            cacheControl: "private, no-cache"
        )
    }
}
