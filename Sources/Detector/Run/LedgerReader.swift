public import Logging
public import PostgresNIO
public import Shared

/// Reads what the passes need from `finance_expense`: aggregates computed by PostgreSQL, and the row-level
/// columns streamed once, dictionary-coding every dimension as it goes.
public struct LedgerReader: Sendable {
    /// Spend and line count of one member of a slice in one period.
    public struct SliceTotal: Sendable, Equatable {
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

    /// Everything a detector run reads from the database: the currency most lines are in (unless `currency` is
    /// given), the slice totals, every journal line as columns, and the loaded files' names.
    ///
    /// - Parameters:
    ///   - connection: The session to read on.
    ///   - configured: The configured currency; when empty, the most common one is read.
    ///   - timings: Receives the seconds spent on `aggregate` (slice totals) and `read_lines`.
    /// - Returns: The inputs of an analysis.
    /// - Throws: Database errors.
    public func read(
        on connection: PostgresConnection,
        currency configured: String = "",
        timings: inout [String: Double]
    ) async throws -> DetectorInputs {
        let clock = ContinuousClock()
        let currency = configured.isEmpty ? try await currency(on: connection) : configured
        var started = clock.now
        let sliceTotals = try await sliceTotals(on: connection)
        timings["aggregate"] = (clock.now - started).inSeconds
        started = clock.now
        let columns = try await columns(on: connection)
        timings["read_lines"] = (clock.now - started).inSeconds
        return DetectorInputs(
            currency: currency,
            sliceTotals: sliceTotals,
            columns: columns,
            batchFiles: try await batchFiles(on: connection)
        )
    }

    /// Spend per period for the total and for every member of each slice dimension, in one scan
    /// (`GROUPING SETS`).
    public func sliceTotals(on connection: PostgresConnection) async throws -> [SliceTotal] {
        let dimensions = Self.sliceDimensions
        let sets =
            ["(general_ledger_fiscal_year, posting_period)"]
            + dimensions.map { "(general_ledger_fiscal_year, posting_period, \($0.quotedColumn))" }
        let discriminator = dimensions.map(\.quotedColumn).joined(separator: ", ")
        let memberExpression =
            "coalesce("
            + dimensions.map { "CASE WHEN GROUPING(\($0.quotedColumn)) = 0 THEN coalesce(\($0.quotedColumn), '') END" }
            .joined(separator: ", ") + ", '')"
        var result: [SliceTotal] = []
        let rows = try await connection.query(
            """
            SELECT general_ledger_fiscal_year::int8, posting_period::int8, GROUPING(\(unescaped: discriminator))::int8,
                   \(unescaped: memberExpression), (sum(amount) * 100)::int8, count(*)::int8
            FROM finance_expense
            GROUP BY GROUPING SETS (\(unescaped: sets.joined(separator: ", ")))
            """,
            logger: logger
        )
        let width = dimensions.count
        for try await (year, period, grouping, member, amount, lines) in rows.decode(
            (Int64, Int64, Int64, String, Int64, Int64).self
        ) {
            // GROUPING(a, b, c, d) has bit (width-1-i) set when dimension i is NOT grouped by.
            var dimension: LedgerDimension?
            for (index, candidate) in dimensions.enumerated() where grouping & (1 << Int64(width - 1 - index)) == 0 {
                dimension = candidate
            }
            result.append(
                SliceTotal(
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

    /// Every journal line as columns, in (fiscal year, period, batch, line) order.
    public func columns(on connection: PostgresConnection) async throws -> LedgerColumns {
        var columns = LedgerColumns()
        let dimensionColumns = LedgerDimension.allCases.map(\.quotedColumn).joined(separator: ", ")
        let rows = try await connection.query(
            """
            SELECT batch_id, source_line, (amount * 100)::int8, general_ledger_fiscal_year, posting_period::int2,
                   (posting_date - DATE '1970-01-01')::int4, \(unescaped: dimensionColumns), reference,
                   account_type
            FROM finance_expense
            ORDER BY general_ledger_fiscal_year, posting_period, batch_id, source_line
            """,
            logger: logger
        )
        for try await (
            batch, line, amount, year, period, day, directorate, costCenter, account, supplier, area, reference,
            accountType
        )
            in rows.decode(
                (
                    Int64, Int64, Int64, Int16, Int16, Int32?, String?, String?, String?, String?, String?, String?,
                    String?
                )
                .self
            )
        {
            columns.append(
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
        return columns
    }

    /// The currency most lines are in (`company_code_currency_key`), or an empty string.
    public func currency(on connection: PostgresConnection) async throws -> String {
        for try await currency
            in try await connection.query(
                """
                SELECT coalesce(company_code_currency_key, '') FROM finance_expense
                GROUP BY 1 ORDER BY count(*) DESC LIMIT 1
                """,
                logger: logger
            )
            .decode(String.self)
        {
            return currency
        }
        return ""
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
