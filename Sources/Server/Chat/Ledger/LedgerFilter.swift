import PostgresNIO
import Shared

/// The bound values of a ledger question's queries: the currency, one member per dimension and up to two
/// spans of periods. They reach SQL only as bind parameters, through a one-row relation `f`; the SQL around
/// them is built from ``LedgerDimension`` columns only.
struct LedgerFilter: Sendable, Hashable {
    /// The currency whose lines are summed.
    var currency: String
    /// The member of each filtered dimension.
    var members: [LedgerDimension: String]
    /// The first span; nil = every period.
    var first: PeriodScope?
    /// The second span, for a change; nil = none.
    var second: PeriodScope?
    /// A member whose part of the filtered spend is wanted (a share), if any.
    var part: DimensionValue?

    /// Creates a filter.
    init(currency: String, members: [ChatVocabulary.Entry], first: PeriodScope? = nil, second: PeriodScope? = nil) {
        self.currency = currency
        self.members = Dictionary(members.map { ($0.dimension, $0.value) }, uniquingKeysWith: { first, _ in first })
        self.first = first
        self.second = second
    }

    /// `body` after `WITH f AS (…)`, the one-row relation of the bound values: `currency`, `a_year`,
    /// `a_first`, `a_last`, `b_year`, `b_first`, `b_last`, `part` and one text column per dimension (NULL when
    /// not filtered).
    func query(_ body: String) -> PostgresQuery {
        let (aYear, aFirst, aLast) = (
            first.map { Int32($0.year) }, first.map { Int32($0.first) }, first.map { Int32($0.last) }
        )
        let (bYear, bFirst, bLast) = (
            second.map { Int32($0.year) }, second.map { Int32($0.first) }, second.map { Int32($0.last) }
        )
        let (directorate, costCentre) = (members[.directorate], members[.costCenter])
        let (account, supplier, area) = (members[.glAccount], members[.supplier], members[.functionalArea])
        let part = self.part?.value
        return """
            WITH f AS (
                SELECT \(currency)::text AS currency, \(aYear)::int4 AS a_year, \(aFirst)::int4 AS a_first,
                       \(aLast)::int4 AS a_last, \(bYear)::int4 AS b_year, \(bFirst)::int4 AS b_first,
                       \(bLast)::int4 AS b_last, \(part)::text AS part, \(directorate)::text AS directorate,
                       \(costCentre)::text AS cost_center, \(account)::text AS gl_account, \(supplier)::text AS supplier,
                       \(area)::text AS functional_area)
            \(unescaped: body)
            """
    }

    /// Lines of `x` in the currency and of every filtered member.
    static let baseSQL: String = {
        let members = LedgerDimension.allCases.map { dimension in
            "(f.\(dimension.rawValue) IS NULL OR x.\(dimension.quotedColumn) = f.\(dimension.rawValue))"
        }
        return "coalesce(x.company_code_currency_key, '') = f.currency AND " + members.joined(separator: " AND ")
    }()

    /// Lines of `x` in the first span (every line when there is none).
    static let inFirstSQL =
        "(f.a_year IS NULL OR (x.general_ledger_fiscal_year = f.a_year AND x.posting_period BETWEEN f.a_first AND f.a_last))"

    /// Lines of `x` in the second span (none when there is none).
    static let inSecondSQL =
        "(x.general_ledger_fiscal_year = f.b_year AND x.posting_period BETWEEN f.b_first AND f.b_last)"

    /// Exact cents of a sum over `condition`: `(coalesce(sum(x.amount) FILTER (WHERE …), 0) * 100)::int8`.
    static func cents(where condition: String) -> String {
        "(coalesce(sum(x.amount) FILTER (WHERE \(condition)), 0) * 100)::int8"
    }
}
