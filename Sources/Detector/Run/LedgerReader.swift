public import Logging
import NIOCore
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
        var currentCurrency = ByteBuffer()
        var current = LedgerColumns()
        // Each cell is decoded on its own with its type's decoder, specialised here: `PostgresRow.decode` of a tuple
        // (a parameter pack) instantiated generic metadata for every cell of every row. Text cells stay bytes: a
        // value already in its dictionary is found by them, and only a new one becomes a String.
        for try await row in rows {
            var cells = LineCells(row)
            let (batch, line, amount) = try (
                cells.decode(Int64.self), cells.decode(Int64.self), cells.decode(Int64.self)
            )
            let (year, period, day) = try (
                cells.decode(Int16.self), cells.decode(Int16.self), cells.decode(Int32?.self)
            )
            let (directorate, costCenter, account, supplier, area) = try (
                cells.bytes(), cells.bytes(), cells.bytes(), cells.bytes(), cells.bytes()
            )
            let (reference, accountType, currency) = try (cells.bytes(), cells.bytes(), cells.bytes() ?? ByteBuffer())
            if currency != currentCurrency {
                let (old, new) = (String(buffer: currentCurrency), String(buffer: currency))
                if current.count > 0 || byCurrency[old] != nil { byCurrency[old] = current }
                currentCurrency = currency
                current = byCurrency.removeValue(forKey: new) ?? LedgerColumns()
            }
            let dimensionCodes = (
                current.dictionaries[0].code(directorate), current.dictionaries[1].code(costCenter),
                current.dictionaries[2].code(account), current.dictionaries[3].code(supplier),
                current.dictionaries[4].code(area)
            )
            let referenceCode = current.references.code(reference)
            let accountTypeCode = current.accountTypes.code(accountType)
            current.append(
                batchID: batch,
                sourceLine: line,
                amount: amount,
                fiscalYear: year,
                period: Int8(period),
                postingDay: day ?? Int32.min,
                dimensionCodes: dimensionCodes,
                referenceCode: referenceCode,
                accountTypeCode: accountTypeCode
            )
        }
        if current.count > 0 { byCurrency[String(buffer: currentCurrency)] = current }
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

extension Dictionary32 {
    /// The code of a text cell's value, found by its bytes; a NULL cell (nil) is code 0.
    fileprivate mutating func code(_ cell: ByteBuffer?) -> Int32 {
        guard let cell else { return 0 }
        return cell.withUnsafeReadableBytes { code(utf8: $0) }
    }
}

/// The cells of one row of ``LedgerReader/columnsByCurrency(on:)``'s query, read in order.
private struct LineCells {
    private var cells: PostgresRow.Iterator
    private var column = 0

    init(_ row: PostgresRow) {
        cells = row.makeIterator()
    }

    /// The next cell decoded as `Value`.
    mutating func decode<Value: PostgresDecodable>(_: Value.Type) throws -> Value {
        try next().decode(Value.self)
    }

    /// The next cell's bytes; nil for NULL.
    mutating func bytes() throws -> ByteBuffer? {
        try next().bytes
    }

    private mutating func next() throws -> PostgresCell {
        column += 1
        guard let cell = cells.next() else { throw MissingCellError(column: column) }
        return cell
    }
}

/// The ledger lines query returned fewer cells in a row than the reader reads.
struct MissingCellError: Error, CustomStringConvertible {
    /// The 1-based column that was missing.
    let column: Int

    var description: String { "a ledger line from the database has no column \(column)" }
}
