import Logging
import PostgresNIO
import Shared

/// The exact figures of ledger questions, each summed by PostgreSQL in one bounded query with bound values
/// (see ``LedgerFilter``): amounts come back as integer cents, so nothing is rounded on the way.
struct LedgerFigures: Sendable {
    /// A sum of lines.
    struct Sum: Sendable, Hashable {
        /// Net amount.
        var amount: Money
        /// Number of lines.
        var lines: Int64
    }

    /// A member with its sum.
    struct Ranked: Sendable, Hashable {
        /// The member's value.
        var value: String
        /// Its sum.
        var sum: Sum
    }

    let client: PostgresClient
    let logger: Logger

    /// The sums in the filter's first span and, when it has one, its second.
    func sums(_ filter: LedgerFilter) async throws -> (first: Sum, second: Sum) {
        let (inFirst, inSecond) = (LedgerFilter.inFirstSQL, LedgerFilter.inSecondSQL)
        let body = """
            SELECT \(LedgerFilter.cents(where: inFirst)), count(*) FILTER (WHERE \(inFirst)),
                   \(LedgerFilter.cents(where: inSecond)), count(*) FILTER (WHERE \(inSecond))
            FROM finance_expense x, f
            WHERE \(LedgerFilter.baseSQL) AND (\(inFirst) OR \(inSecond))
            """
        for try await (a, aLines, b, bLines) in try await client.query(filter.query(body), logger: logger)
            .decode((Int64, Int64, Int64, Int64).self)
        {
            return (Sum(amount: Money(minorUnits: a), lines: aLines), Sum(amount: Money(minorUnits: b), lines: bLines))
        }
        return (Sum(amount: .zero, lines: 0), Sum(amount: .zero, lines: 0))
    }

    /// The filter's sum in its first span, and the part of it belonging to `filter.part`.
    func share(_ filter: LedgerFilter, part: LedgerDimension) async throws -> (whole: Sum, part: Sum) {
        let inPart = "\(LedgerFilter.inFirstSQL) AND x.\(part.quotedColumn) = f.part"
        let body = """
            SELECT \(LedgerFilter.cents(where: "true")), count(*),
                   \(LedgerFilter.cents(where: inPart)), count(*) FILTER (WHERE \(inPart))
            FROM finance_expense x, f
            WHERE \(LedgerFilter.baseSQL) AND \(LedgerFilter.inFirstSQL)
            """
        for try await (whole, wholeLines, partCents, partLines)
            in try await client.query(
                filter.query(body),
                logger: logger
            )
            .decode((Int64, Int64, Int64, Int64).self)
        {
            return (
                Sum(amount: Money(minorUnits: whole), lines: wholeLines),
                Sum(amount: Money(minorUnits: partCents), lines: partLines)
            )
        }
        return (Sum(amount: .zero, lines: 0), Sum(amount: .zero, lines: 0))
    }

    /// The `count` members of `dimension` with the largest (or smallest) net spend under the filter in its
    /// first span, ties by value; lines without a value are left out.
    func ranking(_ filter: LedgerFilter, by dimension: LedgerDimension, count: Int, ascending: Bool) async throws
        -> [Ranked]
    {
        let column = "x.\(dimension.quotedColumn)"
        let body = """
            SELECT \(column), (sum(x.amount) * 100)::int8 AS cents, count(*)
            FROM finance_expense x, f
            WHERE \(LedgerFilter.baseSQL) AND \(LedgerFilter.inFirstSQL) AND \(column) IS NOT NULL AND \(column) <> ''
            GROUP BY \(column)
            ORDER BY cents \(ascending ? "ASC" : "DESC"), \(column)
            LIMIT \(max(1, min(count, 50)))
            """
        var ranked: [Ranked] = []
        for try await (value, cents, lines) in try await client.query(filter.query(body), logger: logger)
            .decode((String, Int64, Int64).self)
        {
            ranked.append(Ranked(value: value, sum: Sum(amount: Money(minorUnits: cents), lines: lines)))
        }
        return ranked
    }

    /// The filter's net spend per period, every period (at most 240), in order.
    func series(_ filter: LedgerFilter) async throws -> [(period: FiscalPeriod, amount: Money)] {
        let body = """
            SELECT x.general_ledger_fiscal_year::int4, x.posting_period::int4, (sum(x.amount) * 100)::int8
            FROM finance_expense x, f
            WHERE \(LedgerFilter.baseSQL)
            GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 240
            """
        var points: [(period: FiscalPeriod, amount: Money)] = []
        for try await (year, period, cents) in try await client.query(filter.query(body), logger: logger)
            .decode((Int32, Int32, Int64).self)
        {
            points.append((FiscalPeriod(year: Int(year), period: Int(period)), Money(minorUnits: cents)))
        }
        return points
    }
}
