import PostgresNIO
import Shared

/// The Explore screen's question: two periods and a filter down the hierarchy directorate → cost centre →
/// GL account → supplier. Only these four dimensions (and their allow-listed columns) ever reach SQL; the
/// filter's values are bound parameters.
struct ExploreFilter: Sendable, Equatable {
    /// The drill-down levels in order.
    static let levels: [LedgerDimension] = [.directorate, .costCenter, .glAccount, .supplier]

    /// One level's member in the filter.
    struct Member: Sendable, Equatable {
        var dimension: LedgerDimension
        var value: String
    }

    var from: FiscalPeriod
    var to: FiscalPeriod
    /// The currency whose lines are summed (see ``LedgerCurrency``).
    var currency: String
    /// The filter's members, in level order; ``LedgerDimension/noValue`` stands for lines without a value.
    var members: [Member]

    /// Reads `from`, `to` and the level parameters of a query.
    ///
    /// - Throws: ``APIError`` 400 naming the parameter that is missing or malformed.
    init(query: (String) -> String?, currency: String) throws(APIError) {
        guard let fromText = query("from"), let toText = query("to") else {
            throw APIError.badParameter("period", "give from and to, periods like 2024-05")
        }
        guard let from = FiscalPeriod(fromText), let to = FiscalPeriod(toText) else {
            throw APIError.badParameter(
                "period",
                "from and to must be periods like 2024-05 (fiscal year, posting period 01-16)"
            )
        }
        self.from = from
        self.to = to
        self.currency = currency
        members = []
        for level in Self.levels {
            guard let value = query(level.rawValue) else { continue }
            guard (1...200).contains(value.count) else {
                throw APIError.badParameter(level.rawValue, "\(level.rawValue) is 1 to 200 characters")
            }
            members.append(Member(dimension: level, value: value))
        }
    }

    /// The member of `dimension` in the filter, if any.
    func value(of dimension: LedgerDimension) -> String? {
        members.first { $0.dimension == dimension }?.value
    }

    /// The first level without a member in the filter: the one the bridge breaks down; nil at the bottom.
    var nextLevel: LedgerDimension? {
        openLevels.first
    }

    /// Levels not in the filter (where root causes are looked for).
    var openLevels: [LedgerDimension] {
        Self.levels.filter { value(of: $0) == nil }
    }

    /// A column's value as the API names it: NULL and '' are ``LedgerDimension/noValue`` (SQL text from the
    /// allow-list only).
    static func memberSQL(_ dimension: LedgerDimension, alias: String) -> String {
        "coalesce(nullif(\(alias).\(dimension.quotedColumn), ''), '\(LedgerDimension.noValue)')"
    }

    /// `body` run after `WITH filter AS (…)`: a one-row relation holding the periods and members as binds
    /// (`from_year`, `from_period`, `to_year`, `to_period`, and one text column per level, NULL when open).
    /// `body` is SQL text built only from the allow-list; it reads the values through ``conditionSQL``.
    func query(_ body: String) -> PostgresQuery {
        let (fromYear, fromPeriod) = (Int32(from.year), Int32(from.period))
        let (toYear, toPeriod) = (Int32(to.year), Int32(to.period))
        let (directorate, costCentre) = (value(of: .directorate), value(of: .costCenter))
        let (account, supplier) = (value(of: .glAccount), value(of: .supplier))
        return """
            WITH filter AS (
                SELECT \(fromYear)::int4 AS from_year, \(fromPeriod)::int4 AS from_period,
                       \(toYear)::int4 AS to_year, \(toPeriod)::int4 AS to_period,
                       \(directorate)::text AS directorate, \(costCentre)::text AS cost_center,
                       \(account)::text AS gl_account, \(supplier)::text AS supplier, \(currency)::text AS currency)
            \(unescaped: body)
            """
    }

    /// Lines of `alias` in either period that match every member of the filter (joined with `filter`).
    static func conditionSQL(_ alias: String) -> String {
        let members = levels.map { level in
            "(filter.\(level.rawValue) IS NULL OR \(memberSQL(level, alias: alias)) = filter.\(level.rawValue))"
        }
        return """
            ((\(alias).general_ledger_fiscal_year = filter.from_year AND \(alias).posting_period = filter.from_period)
              OR (\(alias).general_ledger_fiscal_year = filter.to_year AND \(alias).posting_period = filter.to_period))
            AND coalesce(\(alias).company_code_currency_key, '') = filter.currency
            AND \(members.joined(separator: " AND "))
            """
    }
}
