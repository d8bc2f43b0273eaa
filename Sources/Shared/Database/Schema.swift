/// finrca's database schema: the ordered migrations and the DDL for fiscal-year partitions.
///
/// Ownership (see ARCHITECTURE.md): the Ingestor writes `finance_expense`, `ingest_batches`, `ingest_rejects` and
/// `ingest_batch_totals`; later modules add their own tables in later migrations.
public enum Schema {
    /// Every migration, oldest first. Never edit an applied one; append a new one.
    public static let migrations: [Migration] = [
        .ingestTables, .detectorTables, .alertsOutbox, .apiUsersAndChat, .cancellableAlerts, .rolesAndReviews,
        .suppressionRules, .findingAttention, .partitionBRINIndex, .detectorSummaries, .ingestSliceTotals,
    ]

    /// The name of the partition holding `fiscalYear`, e.g. `finance_expense_y2024`.
    public static func partitionName(fiscalYear: Int) -> String {
        "finance_expense_y\(fiscalYear)"
    }

    /// The fiscal years `finance_expense` accepts (its CHECK constraint); each has its own partition.
    public static let fiscalYears = 1900...2999

    /// The fiscal year of a partition's name, or nil for any other table.
    public static func fiscalYear(ofPartition name: String) -> Int? {
        guard name.hasPrefix("finance_expense_y"), let year = Int(name.dropFirst("finance_expense_y".count)),
            fiscalYears.contains(year)
        else { return nil }
        return year
    }

    /// DDL creating the partition of `fiscalYear` (its index is created next, see ``partitionIndexes(fiscalYear:)``).
    ///
    /// - Precondition: `fiscalYear` is in ``fiscalYears`` (the table's CHECK), so the name is a safe identifier.
    public static func createPartitionStatement(fiscalYear: Int) -> String {
        precondition(fiscalYears.contains(fiscalYear), "fiscal year out of range")
        return
            "CREATE TABLE \(partitionName(fiscalYear: fiscalYear)) PARTITION OF finance_expense FOR VALUES IN (\(fiscalYear))"
    }

    /// The one index of a partition, by name: BRIN over (batch_id, source_line, posting_period).
    ///
    /// Loads append batches in order and extracts come in period order, so each block range holds a narrow run of
    /// batches, lines and periods: the index finds a batch's rows (replace, the load's totals check), evidence lines
    /// by (batch, line) and a period's lines (waterfall, explore) while costing one pass over the partition to
    /// summarise. The detector reads every line, and no other query filters on a dimension alone; the five btree
    /// indexes of the original schema were not used by any query and cost most of a load (NOTES.md, issue 14).
    /// Small block ranges (16 pages) keep an evidence lookup to a few hundred rows.
    ///
    /// - Parameters:
    ///   - fiscalYear: The partition's year.
    ///   - autosummarize: Let autovacuum summarise new block ranges (for a shard's table, which no load
    ///     summarises; a local partition is summarised by the load before COMMIT).
    /// - Returns: The index's name and its `CREATE INDEX IF NOT EXISTS` statement.
    public static func partitionIndexes(fiscalYear: Int, autosummarize: Bool = false) -> [(
        name: String, statement: String
    )] {
        let table = partitionName(fiscalYear: fiscalYear)
        return [
            (
                "\(table)_brin",
                """
                CREATE INDEX IF NOT EXISTS \(table)_brin ON \(table) USING brin (batch_id, source_line, posting_period) \
                WITH (pages_per_range = 16\(autosummarize ? ", autosummarize = on" : ""))
                """
            )
        ]
    }
}
