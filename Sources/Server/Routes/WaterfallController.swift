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
    }

    /// Dimension → `finance_expense` column.
    static let columns = Dictionary(uniqueKeysWithValues: DocumentController.dimensionColumns)

    let documents: DocumentController
    let client: PostgresClient
    let logger: Logger

    /// Creates the controller.
    public init(documents: DocumentController, client: PostgresClient, logger: Logger) {
        self.documents = documents
        self.client = client
        self.logger = logger
    }

    /// Adds the routes to `group`.
    public func add(to group: some RouterMethods<FinrcaRequestContext>) {
        group.get("/charts/rca-waterfall") { request, _ in
            let query = request.uri.queryParameters
            return try await answer(
                Parameters(from: query.get("from"), to: query.get("to"), dimension: query.get("dimension")), request: request)
        }
        group.post("/charts/rca-waterfall") { request, context in
            try await answer(try await AuthController.decode(Parameters.self, request, context), request: request)
        }
    }

    func answer(_ parameters: Parameters, request: Request) async throws -> Response {
        if parameters.from == nil, parameters.to == nil, parameters.dimension == nil {
            return try documents.document("chart_rca_waterfall").response(to: request)
        }
        guard let fromText = parameters.from, let toText = parameters.to else {
            throw APIError.badParameter("period", "give both from and to (YYYY-PP), or neither for the latest flagged change")
        }
        guard let from = FiscalPeriod(fromText), let to = FiscalPeriod(toText) else {
            throw APIError.badParameter("period", "from and to must be periods like 2024-05 (fiscal year, posting period 01-16)")
        }
        let dimension = parameters.dimension ?? "directorate"
        guard let column = Self.columns[dimension] else {
            throw APIError.badParameter("dimension", "dimension must be one of \(DocumentController.dimensions.joined(separator: ", "))")
        }
        guard let snapshot = documents.store.current else { throw APIError.noRun }
        let currency = snapshot.documents["summary"]?.content["currency"]?.stringValue ?? ""
        let steps = try await members(column: column, from: from, to: to)
        return .json(.object(Self.figure(steps: steps, from: from, to: to, dimension: dimension, currency: currency)))
    }

    /// Per member of `column`: its total in `from` and in `to`.
    func members(column: String, from: FiscalPeriod, to: FiscalPeriod) async throws -> [(member: String, from: Money, to: Money)] {
        var bindings = PostgresBindings()
        for value in [from.year, from.period, to.year, to.period] { bindings.append(Int32(value)) }
        let sql = """
            SELECT coalesce(nullif(\(column), ''), '(blank)'),
                   coalesce(sum(amount) FILTER (WHERE general_ledger_fiscal_year = $1 AND posting_period = $2), 0)::text,
                   coalesce(sum(amount) FILTER (WHERE general_ledger_fiscal_year = $3 AND posting_period = $4), 0)::text
            FROM finance_expense
            WHERE (general_ledger_fiscal_year = $1 AND posting_period = $2) OR (general_ledger_fiscal_year = $3 AND posting_period = $4)
            GROUP BY 1
            """
        var rows: [(String, Money, Money)] = []
        for try await (member, before, after) in try await client.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
            .decode((String, String, String).self)
        {
            rows.append((member, Money(decimalText: before) ?? .zero, Money(decimalText: after) ?? .zero))
        }
        return rows
    }

    /// A Plotly waterfall: `from`'s total, the 15 largest member changes, the rest as "other", `to`'s total.
    static func figure(
        steps: [(member: String, from: Money, to: Money)], from: FiscalPeriod, to: FiscalPeriod, dimension: String, currency: String
    ) -> [(String, JSONValue)] {
        let start = steps.reduce(Money.zero) { $0 + $1.from }
        let end = steps.reduce(Money.zero) { $0 + $1.to }
        let changes = steps.map { ($0.member, $0.to - $0.from) }.filter { $0.1 != .zero }
            .sorted { ($0.1.minorUnits.magnitude, $1.0) > ($1.1.minorUnits.magnitude, $0.0) }
        var labels: [JSONValue] = [.string(from.description)]
        var measures: [JSONValue] = [.string("absolute")]
        var values: [JSONValue] = [.decimal(start)]
        for (member, change) in changes.prefix(15) {
            labels.append(.string(member))
            measures.append(.string("relative"))
            values.append(.decimal(change))
        }
        if changes.count > 15 {
            labels.append(.string("other"))
            measures.append(.string("relative"))
            values.append(.decimal(changes.dropFirst(15).reduce(Money.zero) { $0 + $1.1 }))
        }
        labels.append(.string(to.description))
        measures.append(.string("total"))
        values.append(.decimal(end))
        return [
            ("schema", .string("finrca.chart/1")), ("dimension", .string(dimension)), ("from", .string(from.description)),
            ("to", .string(to.description)),
            ("figure", .object([
                ("data", .array([.object([("type", .string("waterfall")), ("x", .array(labels)), ("measure", .array(measures)), ("y", .array(values))])])),
                ("layout", .object([("title", .object([("text", .string("Change \(from) → \(to) by \(dimension) (\(currency))"))]))])),
            ])),
        ]
    }
}
