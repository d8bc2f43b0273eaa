public import Logging
public import PostgresNIO
public import Shared

/// Reads what the passes need from `finance_expense`: aggregates computed by PostgreSQL, and the row-level
/// columns streamed once, dictionary-coding every dimension as it goes.
public struct LedgerReader: Sendable {
    /// Spend and line count of one member of a slice in one period.
    public struct SliceTotal: Sendable, Equatable {
        /// The currency of the lines summed (`company_code_currency_key`; empty when the lines carry none).
        public var currency: String = ""
        /// The slice's dimension, nil for the organisation's total.
        public var dimension: LedgerDimension?
        /// The member (empty for the total and for NULL values).
        public var member: String
        /// The period.
        public var period: FiscalPeriod
        /// Signed spend in minor units.
        public var amount: Int64
        /// Journal lines.
        public var lines: Int
    }

    /// The dimensions that trend slices are cut by.
    public static let sliceDimensions: [LedgerDimension] = [.directorate, .costCenter, .glAccount, .functionalArea]

    private let logger: Logger

    /// Creates a reader.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Everything a detector run reads from the database, one ``DetectorInputs`` per currency
    /// (`company_code_currency_key`; amounts in different currencies are never added together), the currency with
    /// the most lines first: its slice totals, its journal lines as columns, and the loaded files' names.
    ///
    /// Everything is read in one `REPEATABLE READ READ ONLY` transaction (one snapshot: totals and lines always
    /// agree) while holding ``JobLock/ingest``: a load in progress is waited for, and a load that starts meanwhile
    /// waits until the reading is done.
    ///
    /// - Parameters:
    ///   - connection: The session to read on.
    ///   - configured: The currency of lines that carry none (`detector.currency`).
    ///   - timings: Receives the seconds spent on `aggregate` (slice totals) and `read_lines`.
    /// - Returns: The inputs of one analysis per currency; empty when the ledger is.
    /// - Throws: Database errors.
    public func read(
        on connection: PostgresConnection,
        currency configured: String = "",
        timings: inout [String: Double]
    ) async throws -> [DetectorInputs] {
        let clock = ContinuousClock()
        let waited = clock.now
        let (sliceTotals, columns, files, seconds) = try await JobLock.ingest.waitingForLock(
            on: connection,
            logger: logger
        ) {
            timings["wait_for_loads"] = (clock.now - waited).inSeconds
            return try await connection.transaction(logger: logger) { connection in
                try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                var started = clock.now
                let sliceTotals = Dictionary(
                    grouping: try await self.sliceTotals(on: connection),
                    by: \SliceTotal.currency
                )
                let aggregate = (clock.now - started).inSeconds
                started = clock.now
                let columns = try await columnsByCurrency(on: connection)
                let readLines = (clock.now - started).inSeconds
                return .commit((sliceTotals, columns, try await batchFiles(on: connection), [aggregate, readLines]))
            }
        }
        timings["aggregate"] = seconds[0]
        timings["read_lines"] = seconds[1]
        return columns.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
            .map { currency, columns in
                DetectorInputs(
                    currency: currency.isEmpty ? configured : currency,
                    sliceTotals: sliceTotals[currency] ?? [],
                    columns: columns,
                    batchFiles: files
                )
            }
    }

    /// Spend per currency and period for the total and for every member of each slice dimension, in one scan
    /// (`GROUPING SETS`).
    public func sliceTotals(on connection: PostgresConnection) async throws -> [SliceTotal] {
        let dimensions = Self.sliceDimensions
        let key = "coalesce(company_code_currency_key, ''), general_ledger_fiscal_year, posting_period"
        let sets = ["(\(key))"] + dimensions.map { "(\(key), \($0.quotedColumn))" }
        let discriminator = dimensions.map(\.quotedColumn).joined(separator: ", ")
        let memberExpression =
            "coalesce("
            + dimensions.map { "CASE WHEN GROUPING(\($0.quotedColumn)) = 0 THEN coalesce(\($0.quotedColumn), '') END" }
            .joined(separator: ", ") + ", '')"
        var result: [SliceTotal] = []
        let rows = try await connection.query(
            """
            SELECT coalesce(company_code_currency_key, ''), general_ledger_fiscal_year::int8, posting_period::int8,
                   GROUPING(\(unescaped: discriminator))::int8, \(unescaped: memberExpression), (sum(amount) * 100)::int8,
                   count(*)::int8
            FROM finance_expense
            GROUP BY GROUPING SETS (\(unescaped: sets.joined(separator: ", ")))
            """,
            logger: logger
        )
        let width = dimensions.count
        for try await (currency, year, period, grouping, member, amount, lines) in rows.decode(
            (String, Int64, Int64, Int64, String, Int64, Int64).self
        ) {
            // GROUPING(a, b, c, d) has bit (width-1-i) set when dimension i is NOT grouped by.
            var dimension: LedgerDimension?
            for (index, candidate) in dimensions.enumerated() where grouping & (1 << Int64(width - 1 - index)) == 0 {
                dimension = candidate
            }
            result.append(
                SliceTotal(
                    currency: currency,
                    dimension: dimension,
                    member: member,
                    period: FiscalPeriod(year: Int(year), period: Int(period)),
                    amount: amount,
                    lines: Int(lines)
                )
            )
        }
        return result
    }

    /// Every journal line as columns, one set of columns per currency, in (fiscal year, period, batch, line) order.
    public func columnsByCurrency(on connection: PostgresConnection) async throws -> [String: LedgerColumns] {
        var byCurrency: [String: LedgerColumns] = [:]
        let dimensionColumns = LedgerDimension.allCases.map(\.quotedColumn).joined(separator: ", ")
        let rows = try await connection.query(
            """
            SELECT batch_id, source_line, (amount * 100)::int8, general_ledger_fiscal_year, posting_period::int2,
                   (posting_date - DATE '1970-01-01')::int4, \(unescaped: dimensionColumns), reference,
                   account_type, coalesce(company_code_currency_key, '')
            FROM finance_expense
            ORDER BY general_ledger_fiscal_year, posting_period, batch_id, source_line
            """,
            logger: logger
        )
        // Most ledgers hold one currency: append to the last one used without a dictionary lookup per line.
        var currentCurrency = ""
        var current = LedgerColumns()
        for try await (
            batch, line, amount, year, period, day, directorate, costCenter, account, supplier, area, reference,
            accountType, currency
        )
            in rows.decode(
                (
                    Int64, Int64, Int64, Int16, Int16, Int32?, String?, String?, String?, String?, String?, String?,
                    String?, String
                )
                .self
            )
        {
            if currency != currentCurrency {
                if current.count > 0 || byCurrency[currentCurrency] != nil { byCurrency[currentCurrency] = current }
                currentCurrency = currency
                current = byCurrency.removeValue(forKey: currency) ?? LedgerColumns()
            }
            current.append(
                batchID: batch,
                sourceLine: line,
                amount: amount,
                fiscalYear: year,
                period: Int8(period),
                postingDay: day ?? Int32.min,
                dimensions: [directorate, costCenter, account, supplier, area],
                reference: reference,
                accountType: accountType
            )
        }
        if current.count > 0 { byCurrency[currentCurrency] = current }
        return byCurrency
    }

    /// The name of each loaded file, by batch id (for evidence lines).
    public func batchFiles(on connection: PostgresConnection) async throws -> [Int64: String] {
        var files: [Int64: String] = [:]
        for try await (id, name)
            in try await connection.query(
                "SELECT id, file_name FROM ingest_batches",
                logger: logger
            )
            .decode((Int64, String).self)
        {
            files[id] = name
        }
        return files
    }
}
