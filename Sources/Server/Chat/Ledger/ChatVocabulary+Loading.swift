import Logging
public import PostgresNIO
public import Shared

extension ChatVocabulary {
    /// The most members one vocabulary holds; larger ledgers keep their largest members.
    static let memberLimit = 50_000

    /// Reads the members of every dimension, with their names and spend in `currency`, in one bounded query
    /// (one scan of `finance_expense`, grouping sets per dimension, at most ``memberLimit`` rows, largest
    /// first).
    ///
    /// - Parameters:
    ///   - client: The database.
    ///   - currency: The ledger's currency; lines in other currencies are not counted.
    ///   - periods: The periods with lines (from the run's documents).
    ///   - logger: Where a truncated vocabulary is reported.
    /// - Returns: The vocabulary.
    /// - Throws: The database's errors.
    public static func load(
        client: PostgresClient,
        currency: String,
        periods: [FiscalPeriod],
        logger: Logger
    ) async throws -> ChatVocabulary {
        let dimensions = LedgerDimension.allCases
        let whichSQL = dimensions.map { "WHEN GROUPING(x.\($0.quotedColumn)) = 0 THEN '\($0.rawValue)'" }
            .joined(separator: " ")
        let valueSQL = "coalesce(" + dimensions.map { "x.\($0.quotedColumn)" }.joined(separator: ", ") + ")"
        let sets = dimensions.map { "(x.\($0.quotedColumn))" }.joined(separator: ", ")
        let query: PostgresQuery = """
            SELECT which, value, name, amount FROM (
                SELECT CASE \(unescaped: whichSQL) END AS which, \(unescaped: valueSQL) AS value,
                       CASE WHEN GROUPING(x.cost_center_id) = 0 THEN min(x.cost_center_name)
                            WHEN GROUPING(x.general_ledger_account) = 0 THEN min(x.general_ledger_account_name) END AS name,
                       (sum(x.amount) * 100)::int8 AS amount
                FROM finance_expense x
                WHERE coalesce(x.company_code_currency_key, '') = \(currency)
                GROUP BY GROUPING SETS (\(unescaped: sets))) m
            WHERE value IS NOT NULL AND value <> ''
            ORDER BY abs(amount) DESC, which, value
            LIMIT \(Int64(memberLimit))
            """
        var entries: [Entry] = []
        for try await (which, value, name, amount) in try await client.query(query, logger: logger)
            .decode((String, String, String?, Int64).self)
        {
            guard let dimension = LedgerDimension(rawValue: which) else { continue }
            entries.append(Entry(dimension: dimension, value: value, name: name, amount: Money(minorUnits: amount)))
        }
        if entries.count == memberLimit {
            logger.notice(
                "the chat recognises only the largest members",
                metadata: ["finrca.chat.members": "\(memberLimit)"]
            )
        }
        return ChatVocabulary(entries: entries, periods: periods, currency: currency)
    }
}
