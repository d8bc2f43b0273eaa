import Shared

/// The Explore screen's question: two periods and a filter down the hierarchy directorate → cost centre →
/// GL account → supplier. Only these four dimensions (and their allow-listed columns) ever reach SQL; the
/// filter's values are bound parameters.
struct ExploreFilter: Sendable, Equatable {
    /// The drill-down levels in order, with their `finance_expense` columns.
    static let levels: [(dimension: String, column: String)] = [
        ("directorate", "directorate"), ("cost_center", "cost_center_id"), ("gl_account", "general_ledger_account"),
        ("supplier", "supplier"),
    ]
    /// How a blank member (NULL or empty) is named.
    static let blank = "(blank)"

    var from: FiscalPeriod
    var to: FiscalPeriod
    /// Dimension → member, for dimensions of ``levels`` only.
    var members: [(dimension: String, value: String)]

    static func == (lhs: ExploreFilter, rhs: ExploreFilter) -> Bool {
        lhs.from == rhs.from && lhs.to == rhs.to && lhs.members.map(\.dimension) == rhs.members.map(\.dimension)
            && lhs.members.map(\.value) == rhs.members.map(\.value)
    }

    /// Reads `from`, `to` and the level parameters of a query.
    ///
    /// - Throws: ``APIError`` 400 naming the parameter that is missing or malformed.
    init(query: (String) -> String?) throws(APIError) {
        guard let fromText = query("from"), let toText = query("to") else {
            throw APIError.badParameter("period", "give from and to, periods like 2024-05")
        }
        guard let from = FiscalPeriod(fromText), let to = FiscalPeriod(toText) else {
            throw APIError.badParameter("period", "from and to must be periods like 2024-05 (fiscal year, posting period 01-16)")
        }
        self.from = from
        self.to = to
        members = []
        for level in Self.levels {
            guard let value = query(level.dimension) else { continue }
            guard (1...200).contains(value.count) else {
                throw APIError.badParameter(level.dimension, "\(level.dimension) is 1 to 200 characters")
            }
            members.append((level.dimension, value))
        }
    }

    /// The first level without a member in the filter: the one the bridge breaks down; nil at the bottom.
    var nextLevel: (dimension: String, column: String)? {
        Self.levels.first { level in !members.contains { $0.dimension == level.dimension } }
    }

    /// Levels not in the filter (where root causes are looked for).
    var openLevels: [(dimension: String, column: String)] {
        Self.levels.filter { level in !members.contains { $0.dimension == level.dimension } }
    }

    /// The column of a level's dimension.
    static func column(_ dimension: String) -> String? {
        levels.first { $0.dimension == dimension }?.column
    }

    /// A column's value as the API names it: NULL and '' are `(blank)`.
    static func memberExpression(_ column: String) -> String {
        "coalesce(nullif(\(column), ''), '\(blank)')"
    }

    /// The WHERE clause for the two periods and the filter, with its binds appended to `bindings`.
    func whereClause(_ bindings: inout PostgresBindingsBuilder) -> String {
        var conditions = [
            "((general_ledger_fiscal_year = \(bindings.add(Int32(from.year))) AND posting_period = \(bindings.add(Int32(from.period))))"
                + " OR (general_ledger_fiscal_year = \(bindings.add(Int32(to.year))) AND posting_period = \(bindings.add(Int32(to.period)))))"
        ]
        for member in members {
            guard let column = Self.column(member.dimension) else { continue }
            conditions.append("\(Self.memberExpression(column)) = \(bindings.add(member.value))")
        }
        return conditions.joined(separator: " AND ")
    }
}
