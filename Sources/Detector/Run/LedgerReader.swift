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

    let logger: Logger

    /// Creates a reader.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// What one read returned: the inputs of one analysis per currency, the batches loaded and analysed, and in an
    /// incremental read its scope.
    public struct Read: Sendable {
        /// One ``DetectorInputs`` per currency, the currency with the most lines first.
        public var inputs: [DetectorInputs]
        /// Batches with status `loaded` in the snapshot read (the run records them as analysed).
        public var loadedBatches: [Int64]
        /// The run that analysed the batches before this one (nil before the first run that recorded them).
        public var previousRun: Int64?
        /// Batches that run analysed and are no longer loaded (replaced since).
        public var goneBatches: [Int64]
        /// The incremental scope; nil for a full read.
        public var scope: IncrementalScope?
    }

    /// Everything a detector run reads from the database, one ``DetectorInputs`` per currency
    /// (`company_code_currency_key`; amounts in different currencies are never added together), the currency with
    /// the most lines first: its slice totals, its journal lines as columns, and the loaded files' names.
    ///
    /// The loaded batches that have no slice totals yet are summarised first (``DetectorSummaries``); the slice
    /// totals are then the sum of the loaded batches' totals. The rest is read in one `REPEATABLE READ READ ONLY`
    /// transaction (one snapshot: totals and lines always agree), all of it while holding ``JobLock/ingest``: a
    /// load in progress is waited for, and a load that starts meanwhile waits until the reading is done.
    ///
    /// - Parameters:
    ///   - connection: The session to read on.
    ///   - second: Another session to the same database, not in a transaction: the lines are read in two halves
    ///     of the periods at once, the second half on it in the same snapshot
    ///     (``columnsByCurrency(on:alongside:splitAt:periods:totals:withoutJIT:)``), so that decoding them uses two
    ///     cores. Without it (or with one period to read) they are read on `connection` alone; the result is the
    ///     same.
    ///   - configured: The currency of lines that carry none (`detector.currency`).
    ///   - period: The latest period the run analyses (default: the latest in the data).
    ///   - incremental: Read only the lines of the periods that batches loaded or replaced since the previous run
    ///     affect (``IncrementalScope``); a full read when no run has recorded its batches yet.
    ///   - timings: Receives the seconds spent on `summarise` (new batches' totals), `aggregate` (slice totals)
    ///     and `read_lines`.
    /// - Returns: The inputs of one analysis per currency (empty when the ledger is) and what the run records.
    /// - Throws: Database errors.
    public func read(
        on connection: PostgresConnection,
        second: PostgresConnection? = nil,
        currency configured: String = "",
        period: FiscalPeriod? = nil,
        incremental: Bool = false,
        timings: inout [String: Double]
    ) async throws -> Read {
        let clock = ContinuousClock()
        let waited = clock.now
        let summaries = DetectorSummaries(logger: logger)
        let (sliceTotals, columns, files, batches, scope, seconds) = try await JobLock.ingest.waitingForLock(
            on: connection,
            logger: logger
        ) {
            timings["wait_for_loads"] = (clock.now - waited).inSeconds
            let summarising = clock.now
            _ = try await summaries.refresh(on: connection)
            timings["summarise"] = (clock.now - summarising).inSeconds
            return try await connection.transaction(logger: logger) { connection in
                try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                var started = clock.now
                let batches = try await summaries.batches(on: connection)
                let totals = try await summaries.sliceTotals(on: connection)
                var scope: IncrementalScope?
                if incremental, batches.seenBy != nil {
                    let present = Set(totals.map(\.period))
                    scope = IncrementalScope(
                        changed: try await summaries.periods(of: batches.new.union(batches.gone), on: connection),
                        present: present,
                        latest: period ?? present.max()
                    )
                }
                let aggregate = (clock.now - started).inSeconds
                if scope != nil {
                    // JIT compiling the lines query took 0.86 s of its 2.0 s for a month's lines at 20M (NOTES.md).
                    try await connection.query("SET LOCAL jit = off", logger: logger)
                }
                started = clock.now
                let columns =
                    if let second, let bound = Self.split(totals, periods: scope?.read) {
                        try await columnsByCurrency(
                            on: connection,
                            alongside: second,
                            splitAt: bound,
                            periods: scope?.read,
                            totals: totals,
                            withoutJIT: scope != nil
                        )
                    } else {
                        try await columnsByCurrency(
                            on: connection,
                            periods: scope?.read,
                            expectedLines: Self.lines(in: totals, periods: scope?.read)
                        )
                    }
                let readLines = (clock.now - started).inSeconds
                return .commit(
                    (
                        Dictionary(grouping: totals, by: \SliceTotal.currency), columns,
                        try await batchFiles(on: connection), batches, scope, [aggregate, readLines]
                    )
                )
            }
        }
        timings["aggregate"] = seconds[0]
        timings["read_lines"] = seconds[1]
        // A currency with no line read (an incremental read) still has its totals.
        let currencies = Set(columns.keys).union(sliceTotals.keys)
        let inputs = currencies.map { ($0, columns[$0] ?? LedgerColumns()) }
            .sorted { ($0.1.count, $1.0) > ($1.1.count, $0.0) }
            .map { currency, columns in
                DetectorInputs(
                    currency: currency.isEmpty ? configured : currency,
                    sliceTotals: sliceTotals[currency] ?? [],
                    columns: columns,
                    batchFiles: files,
                    affectedPeriods: scope?.affected
                )
            }
        return Read(
            inputs: inputs,
            loadedBatches: batches.loaded.sorted(),
            previousRun: batches.seenBy,
            goneBatches: batches.gone.sorted(),
            scope: scope
        )
    }

    /// The lines per currency that the slice totals count (in `periods` only, when given): what
    /// ``columnsByCurrency(on:periods:from:before:expectedLines:)`` reads from the same snapshot.
    public static func lines(in totals: [SliceTotal], periods: Set<FiscalPeriod>?) -> [String: Int] {
        totals.reduce(into: [:]) { lines, total in
            guard total.dimension == nil, periods?.contains(total.period) ?? true else { return }
            lines[total.currency, default: 0] += total.lines
        }
    }

    /// Every journal line as columns (or only the lines of `periods`, of the periods from `from` and before
    /// `before`), one set of columns per currency, in (fiscal year, period, batch, line) order.
    ///
    /// - Parameters:
    ///   - connection: The session to read on.
    ///   - periods: Read only these periods' lines (nil: every line).
    ///   - from: Read only the lines of this period and later ones (nil: no lower bound).
    ///   - before: Read only the lines of periods before this one (nil: no upper bound).
    ///   - expectedLines: How many lines each currency will have (``lines(in:periods:)``), reserved before the
    ///     first is appended; a currency not named grows as it goes.
    /// - Returns: The columns per currency (`company_code_currency_key`, empty for lines without one).
    /// - Throws: Database errors.
    public func columnsByCurrency(
        on connection: PostgresConnection,
        periods: Set<FiscalPeriod>? = nil,
        from: FiscalPeriod? = nil,
        before: FiscalPeriod? = nil,
        expectedLines: [String: Int] = [:]
    ) async throws -> [String: LedgerColumns] {
        var byCurrency: [String: LedgerColumns] = [:]
        let dimensionColumns = LedgerDimension.allCases.map(\.quotedColumn).joined(separator: ", ")
        // The years let PostgreSQL skip other partitions; the periods narrow the BRIN ranges it reads.
        let years = periods.map { Set($0.map { Int64($0.year) }).sorted() }
        let keys = periods.map { $0.map { Int64($0.year * 100 + $0.period) }.sorted() }
        let (first, last) = (
            from.map { Int64($0.year * 100 + $0.period) }, before.map { Int64($0.year * 100 + $0.period) }
        )
        let rows = try await connection.query(
            """
            SELECT batch_id, source_line, (amount * 100)::int8, general_ledger_fiscal_year, posting_period::int2,
                   (posting_date - DATE '1970-01-01')::int4, \(unescaped: dimensionColumns), reference,
                   account_type, coalesce(company_code_currency_key, '')
            FROM finance_expense
            WHERE (\(years)::int8[] IS NULL OR general_ledger_fiscal_year = ANY(\(years)::int8[]))
              AND (\(keys)::int8[] IS NULL
                   OR (posting_period = ANY(\(keys.map { Set($0.map { $0 % 100 }).sorted() })::int8[])
                       AND general_ledger_fiscal_year * 100 + posting_period = ANY(\(keys)::int8[])))
              AND (\(first)::int8 IS NULL
                   OR (general_ledger_fiscal_year >= \(from.map { Int64($0.year) })::int8
                       AND general_ledger_fiscal_year * 100 + posting_period >= \(first)::int8))
              AND (\(last)::int8 IS NULL
                   OR (general_ledger_fiscal_year <= \(before.map { Int64($0.year) })::int8
                       AND general_ledger_fiscal_year * 100 + posting_period < \(last)::int8))
            ORDER BY general_ledger_fiscal_year, posting_period, batch_id, source_line
            """,
            logger: logger
        )
        // Most ledgers hold one currency: append to the last one used without a dictionary lookup per line.
        var currentCurrency = ByteBuffer()
        var current = LedgerColumns()
        current.reserveCapacity(expectedLines[""] ?? 0)
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
                if current.count == 0 { current.reserveCapacity(expectedLines[new] ?? 0) }
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
