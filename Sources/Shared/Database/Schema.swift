/// finrca's database schema: the ordered migrations and the DDL for fiscal-year partitions.
///
/// Ownership (see ARCHITECTURE.md): the Ingestor writes `finance_expense`, `ingest_batches` and
/// `ingest_rejects`; later modules add their own tables in later migrations.
public enum Schema {
    /// Every migration, oldest first. Never edit an applied one; append a new one.
    public static let migrations: [Migration] = [
        .ingestTables, .detectorTables, .alertsOutbox, .apiUsersAndChat, .cancellableAlerts, .rolesAndReviews,
        .suppressionRules, .findingAttention,
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

    /// DDL creating the partition of `fiscalYear` (without indexes: a load fills a new partition first and
    /// indexes it after COMMIT, which is several times faster than maintaining indexes row by row).
    ///
    /// - Precondition: `fiscalYear` is in ``fiscalYears`` (the table's CHECK), so the name is a safe identifier.
    public static func createPartitionStatement(fiscalYear: Int) -> String {
        precondition(fiscalYears.contains(fiscalYear), "fiscal year out of range")
        return
            "CREATE TABLE \(partitionName(fiscalYear: fiscalYear)) PARTITION OF finance_expense FOR VALUES IN (\(fiscalYear))"
    }

    /// The indexes of one partition, by name: the original system's indexes (functional area, cost centre,
    /// directorate, fiscal year + period, amount) plus a BRIN index on (batch_id, source_line), which finds a
    /// batch's rows (replace, evidence lines) at almost no cost because loads append batches in order.
    public static func partitionIndexes(fiscalYear: Int) -> [(name: String, statement: String)] {
        let table = partitionName(fiscalYear: fiscalYear)
        return [
            ("functional_area", "(functional_area)"),
            ("cost_center", "(cost_center_id)"),
            ("directorate", "(directorate)"),
            ("period", "(general_ledger_fiscal_year, posting_period)"),
            ("amount", "(amount)"),
            ("batch_line", "USING brin (batch_id, source_line)"),
        ]
        .map { suffix, definition in
            ("\(table)_\(suffix)", "CREATE INDEX IF NOT EXISTS \(table)_\(suffix) ON \(table) \(definition)")
        }
    }
}
