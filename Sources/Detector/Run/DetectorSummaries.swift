import Logging
import PostgresNIO
import Shared

/// What the detector keeps from history (migration 10): spend and lines per loaded batch and slice
/// (`detector_batch_totals`), maintained from new batches only, and the batches the latest run analysed
/// (`detector_seen_batches`). The slice totals of a run are the sum over the loaded batches, equal to a
/// `GROUPING SETS` over `finance_expense`. A new batch's totals are copied from those the ingest counted while
/// loading it (`ingest_batch_totals`, migration 11); a batch loaded before the ingest counted them is summarised
/// from its lines.
struct DetectorSummaries: Sendable {
    /// The loaded batches now, and those the latest run analysed.
    struct Batches: Sendable, Equatable {
        /// Batches with status `loaded`.
        var loaded: Set<Int64>
        /// Batches the latest run analysed (empty before the first run that recorded them).
        var seen: Set<Int64>
        /// The run that recorded ``seen``.
        var seenBy: Int64?

        /// Loaded since the latest run.
        var new: Set<Int64> { loaded.subtracting(seen) }
        /// Analysed by the latest run and no longer loaded (replaced since).
        var gone: Set<Int64> { seen.subtracting(loaded) }
    }

    let logger: Logger

    /// `hash_mem_multiplier` while new batches are summarised: PostgreSQL's maximum, 1,000 × `work_mem` (4 GB at the
    /// default 4 MB) before the hash tables spill.
    static let summariseHashMemoryMultiplier = "1000"

    /// Copies or summarises the totals of every loaded batch that has none yet, and deletes the totals of batches
    /// that are neither loaded nor seen by the latest run (a replaced batch's totals stay until a run has seen it
    /// go: its periods are that run's affected periods). Commits on its own; returns the batches given totals.
    func refresh(on connection: PostgresConnection) async throws -> [Int64] {
        try await connection.transaction(logger: logger) { connection in
            try await connection.query(
                """
                DELETE FROM detector_batch_totals t
                WHERE NOT EXISTS (SELECT 1 FROM ingest_batches b
                                  WHERE b.id = t.batch_id AND b.status = \(BatchStatus.loaded.rawValue))
                  AND NOT EXISTS (SELECT 1 FROM detector_seen_batches s WHERE s.batch_id = t.batch_id)
                """,
                logger: logger
            )
            var missing: [Int64] = []
            for try await id
                in try await connection.query(
                    """
                    SELECT b.id FROM ingest_batches b
                    WHERE b.status = \(BatchStatus.loaded.rawValue)
                      AND NOT EXISTS (SELECT 1 FROM detector_batch_totals t WHERE t.batch_id = b.id)
                    ORDER BY b.id
                    """,
                    logger: logger
                )
                .decode(Int64.self)
            {
                missing.append(id)
            }
            if !missing.isEmpty {
                let counted = try await copyCounted(missing, on: connection)
                let uncounted = missing.filter { !counted.contains($0) }
                if !uncounted.isEmpty { try await summarise(uncounted, on: connection) }
            }
            return .commit(missing)
        }
    }

    /// Copies the totals the ingest counted for those of `batches` it counted; returns those batches.
    private func copyCounted(_ batches: [Int64], on connection: PostgresConnection) async throws -> Set<Int64> {
        var copied = Set<Int64>()
        let rows = try await connection.query(
            """
            WITH copied AS (
                INSERT INTO detector_batch_totals (batch_id, currency, fiscal_year, period, dimension, member,
                                                   amount_cents, lines)
                SELECT batch_id, currency, fiscal_year, period, dimension, member, amount_cents, lines
                FROM ingest_batch_totals
                WHERE batch_id = ANY(\(batches))
                RETURNING batch_id
            )
            SELECT DISTINCT batch_id FROM copied
            """,
            logger: logger
        )
        for try await id in rows.decode(Int64.self) { copied.insert(id) }
        return copied
    }

    /// Inserts the totals of `batches`, one `GROUPING SETS` scan of their lines (the BRIN index on `batch_id`
    /// limits it to their block ranges), aggregated in hash tables.
    ///
    /// A batch has a few thousand slices (periods × members), but once the ledger is analysed the planner multiplies
    /// the columns' distinct counts (2.4M groups estimated for 7,280 on the 5M-line bench ledger) and hashes only the
    /// sets it thinks fit in `work_mem × hash_mem_multiplier`; otherwise it sorts the lines once per set (four external
    /// sorts: 26–37 s instead of 8 s there, NOTES.md issue 14). `hash_mem_multiplier` is raised for this transaction
    /// only, so the hash tables are chosen; they take what the real groups need (41 MB there) and spill to disk past
    /// the limit, while every sort keeps plain `work_mem`.
    private func summarise(_ batches: [Int64], on connection: PostgresConnection) async throws {
        try await connection.query(
            "SELECT set_config('hash_mem_multiplier', \(Self.summariseHashMemoryMultiplier), true)",
            logger: logger
        )
        let dimensions = LedgerDimension.slices
        let key = "batch_id, coalesce(company_code_currency_key, ''), general_ledger_fiscal_year, posting_period"
        let sets = ["(\(key))"] + dimensions.map { "(\(key), \($0.quotedColumn))" }
        let discriminator = dimensions.map(\.quotedColumn).joined(separator: ", ")
        let all = (1 << dimensions.count) - 1
        // GROUPING(a, b, c, d) has bit (width-1-i) set when dimension i is NOT grouped by.
        let dimensionExpression =
            "CASE GROUPING(\(discriminator)) "
            + dimensions.enumerated()
            .map { index, dimension in
                "WHEN \(all - (1 << (dimensions.count - 1 - index))) THEN '\(dimension.rawValue)'"
            }
            .joined(separator: " ") + " END"
        let memberExpression =
            "coalesce("
            + dimensions.map { "CASE WHEN GROUPING(\($0.quotedColumn)) = 0 THEN coalesce(\($0.quotedColumn), '') END" }
            .joined(separator: ", ") + ", '')"
        try await connection.query(
            """
            INSERT INTO detector_batch_totals (batch_id, currency, fiscal_year, period, dimension, member, amount_cents,
                                               lines)
            SELECT batch_id, coalesce(company_code_currency_key, ''), general_ledger_fiscal_year, posting_period,
                   \(unescaped: dimensionExpression), \(unescaped: memberExpression), (sum(amount) * 100)::int8,
                   count(*)::int8
            FROM finance_expense
            WHERE batch_id = ANY(\(batches))
            GROUP BY GROUPING SETS (\(unescaped: sets.joined(separator: ", ")))
            """,
            logger: logger
        )
    }

    /// The loaded batches and those the latest run analysed.
    func batches(on connection: PostgresConnection) async throws -> Batches {
        var batches = Batches(loaded: [], seen: [], seenBy: nil)
        for try await id
            in try await connection.query(
                "SELECT id FROM ingest_batches WHERE status = \(BatchStatus.loaded.rawValue)",
                logger: logger
            )
            .decode(Int64.self)
        {
            batches.loaded.insert(id)
        }
        for try await (id, run)
            in try await connection.query("SELECT batch_id, run_id FROM detector_seen_batches", logger: logger)
            .decode((Int64, Int64).self)
        {
            batches.seen.insert(id)
            batches.seenBy = max(batches.seenBy ?? run, run)
        }
        return batches
    }

    /// The periods that hold lines of `batches` (from their totals).
    func periods(of batches: Set<Int64>, on connection: PostgresConnection) async throws -> Set<FiscalPeriod> {
        guard !batches.isEmpty else { return [] }
        var periods = Set<FiscalPeriod>()
        for try await (year, period)
            in try await connection.query(
                """
                SELECT DISTINCT fiscal_year::int8, period::int8 FROM detector_batch_totals
                WHERE batch_id = ANY(\(Array(batches))) AND dimension IS NULL
                """,
                logger: logger
            )
            .decode((Int64, Int64).self)
        {
            periods.insert(FiscalPeriod(year: Int(year), period: Int(period)))
        }
        return periods
    }

    /// Spend per currency and period for the total and every member of each slice dimension: the sum of the loaded
    /// batches' totals.
    func sliceTotals(on connection: PostgresConnection) async throws -> [LedgerReader.SliceTotal] {
        var result: [LedgerReader.SliceTotal] = []
        let rows = try await connection.query(
            """
            SELECT min(t.batch_id), t.currency, t.fiscal_year::int8, t.period::int8, t.dimension, t.member,
                   sum(t.amount_cents)::int8, sum(t.lines)::int8
            FROM detector_batch_totals t
            JOIN ingest_batches b ON b.id = t.batch_id AND b.status = \(BatchStatus.loaded.rawValue)
            GROUP BY t.currency, t.fiscal_year, t.period, t.dimension, t.member
            ORDER BY t.currency, t.fiscal_year, t.period, t.dimension NULLS FIRST, t.member
            """,
            logger: logger
        )
        for try await (batch, currency, year, period, dimension, member, amount, lines) in rows.decode(
            (Int64, String, Int64, Int64, String?, String, Int64, Int64).self
        ) {
            var slice: LedgerDimension?
            if let dimension {
                guard let known = LedgerDimension(rawValue: dimension) else {
                    throw UnknownVocabularyError(table: "detector_batch_totals", id: batch, values: [dimension])
                }
                slice = known
            }
            result.append(
                LedgerReader.SliceTotal(
                    currency: currency,
                    dimension: slice,
                    member: member,
                    period: FiscalPeriod(year: Int(year), period: Int(period)),
                    amount: amount,
                    lines: Int(lines)
                )
            )
        }
        return result
    }
}
