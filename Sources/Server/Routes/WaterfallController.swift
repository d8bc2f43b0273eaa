public import Hummingbird
public import Logging
public import PostgresNIO
import Shared

/// `GET /charts/rca-waterfall?from=&to=&dimension=` (and `POST` with the same fields as a JSON body): the
/// latest run's waterfall without parameters; for other periods, a bridge from `from`'s total to `to`'s by
/// the members of `dimension`, summed exactly in PostgreSQL (the original system's route always failed).
public struct WaterfallController: Sendable {
    struct Parameters: Decodable {
        var from: String?
        var to: String?
        var dimension: String?
        var currency: String?
    }

    let documents: DocumentController
    let client: PostgresClient
    let timeouts: StatementTimeouts
    let logger: Logger

    /// Creates the controller; the bridge of other periods runs under `timeouts`' bounded statement timeout.
    public init(
        documents: DocumentController,
        client: PostgresClient,
        timeouts: StatementTimeouts = StatementTimeouts(),
        logger: Logger
    ) {
        self.documents = documents
        self.client = client
        self.timeouts = timeouts
        self.logger = logger
    }

    /// Adds the routes to `group`.
    public func add(to group: some RouterMethods<FinrcaRequestContext>) {
        group.get("/charts/rca-waterfall") { request, _ in
            let query = request.uri.queryParameters
            return try await answer(
                Parameters(
                    from: query.get("from"),
                    to: query.get("to"),
                    dimension: query.get("dimension"),
                    currency: query.get("currency")
                ),
                request: request
            )
        }
        group.post("/charts/rca-waterfall") { request, context in
            try await answer(
                try await AuthController.decode(Parameters.self, request, context, optional: true),
                request: request
            )
        }
    }

    func answer(_ parameters: Parameters, request: Request) async throws -> Response {
        // What is not given is the latest flagged change's (the run's document, served as it is when nothing is).
        let latest = try documents.document("chart_rca_waterfall")
        if parameters.from == nil, parameters.to == nil, parameters.dimension == nil, parameters.currency == nil {
            return try latest.response(to: request)
        }
        let fromText = parameters.from ?? latest.content["from"]?.stringValue
        let toText = parameters.to ?? latest.content["to"]?.stringValue
        let dimensionText = parameters.dimension ?? latest.content["dimension"]?.stringValue
        guard let fromText, let toText else {
            throw APIError.badParameter(
                "period",
                "the run flagged no change to take the missing period from: give both from and to (YYYY-PP)"
            )
        }
        guard let from = FiscalPeriod(fromText), let to = FiscalPeriod(toText) else {
            throw APIError.badParameter(
                "period",
                "from and to must be periods like 2024-05 (fiscal year, posting period 01-16)"
            )
        }
        guard let dimension = LedgerDimension(rawValue: dimensionText ?? LedgerDimension.directorate.rawValue)
        else {
            throw APIError.badParameter("dimension", "dimension must be one of \(LedgerDimension.choices)")
        }
        guard let snapshot = documents.store.current else { throw APIError.noRun }
        let currency = try LedgerCurrency.chosen(parameters.currency, snapshot: snapshot)
        let bridge = try await bridge(dimension: dimension, from: from, to: to, currency: currency)
        return .json(
            .object([("schema", .string("finrca.chart/1"))] + WaterfallChart.fields(bridge, currency: currency))
        )
    }

    /// The bridge from `from`'s total to `to`'s by the members of `dimension`, summed by PostgreSQL over the lines
    /// in `currency` only. Grouped by fiscal year too (the partition key), so with year partitions on other
    /// servers each one's sums run there (partition-wise aggregation); the years of a member are added here.
    func bridge(
        dimension: LedgerDimension,
        from: FiscalPeriod,
        to: FiscalPeriod,
        currency: String
    ) async throws -> VarianceBridge {
        let (fromYear, fromPeriod, toYear, toPeriod) = (
            Int32(from.year), Int32(from.period), Int32(to.year), Int32(to.period)
        )
        // No COALESCE in the filter or the grouping: postgres_fdw (PostgreSQL 15) cannot send it to a shard, and
        // either would keep the aggregation here. NULL and '' are the same member, added up below.
        let (start, end) = try await timeouts.withBoundedConnection(client, logger: logger) { connection in
            var start: [String: Int64] = [:]
            var end: [String: Int64] = [:]
            for try await (member, before, after)
                in try await connection.query(
                    """
                    SELECT \(unescaped: dimension.quotedColumn),
                           (coalesce(sum(amount) FILTER (WHERE general_ledger_fiscal_year = \(fromYear) AND posting_period = \(fromPeriod)), 0) * 100)::int8,
                           (coalesce(sum(amount) FILTER (WHERE general_ledger_fiscal_year = \(toYear) AND posting_period = \(toPeriod)), 0) * 100)::int8
                    FROM finance_expense
                    WHERE ((general_ledger_fiscal_year = \(fromYear) AND posting_period = \(fromPeriod))
                           OR (general_ledger_fiscal_year = \(toYear) AND posting_period = \(toPeriod)))
                      AND (company_code_currency_key = \(currency) OR (\(currency) = '' AND company_code_currency_key IS NULL))
                    GROUP BY general_ledger_fiscal_year, 1
                    """,
                    logger: logger
                )
                .decode((String?, Int64, Int64).self)
            {
                start[member ?? "", default: 0] += before
                end[member ?? "", default: 0] += after
            }
            return (start, end)
        }
        return VarianceBridge(dimension: dimension, from: from, to: to, start: start, end: end)
    }
}
