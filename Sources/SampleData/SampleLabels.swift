public import Shared

/// The ground truth of a generated extract: what was written and which anomalies were injected where.
///
/// Encoded as JSON with snake_case keys; amounts are ``Money`` (exact decimal strings). All totals use the
/// signed amount rule: `S` (debit) = +value, `H` (credit) = −value.
public struct SampleLabels: Codable, Sendable, Hashable {
    /// The seed the extract was generated from.
    public var seed: UInt64
    /// The number of data rows (the header line not counted).
    public var rows: Int
    /// The `company_code_currency_key` of every row.
    public var currency: String
    /// The first fiscal year covered.
    public var firstFiscalYear: Int
    /// The number of fiscal years covered.
    public var fiscalYears: Int
    /// The approval limit the `below_approval_limit` cluster stays under.
    public var approvalLimit: Money
    /// The exact signed sum of all rows per fiscal year, keyed by the year as text (e.g. `"2024"`).
    public var totalsByFiscalYear: [String: Money]
    /// The number of rows per fiscal year, keyed by the year as text.
    public var rowCountByFiscalYear: [String: Int]
    /// The injected anomalies, ordered by their first line.
    public var anomalies: [SampleAnomaly]

    /// Creates labels from their parts.
    public init(
        seed: UInt64,
        rows: Int,
        currency: String,
        firstFiscalYear: Int,
        fiscalYears: Int,
        approvalLimit: Money,
        totalsByFiscalYear: [String: Money],
        rowCountByFiscalYear: [String: Int],
        anomalies: [SampleAnomaly]
    ) {
        self.seed = seed
        self.rows = rows
        self.currency = currency
        self.firstFiscalYear = firstFiscalYear
        self.fiscalYears = fiscalYears
        self.approvalLimit = approvalLimit
        self.totalsByFiscalYear = totalsByFiscalYear
        self.rowCountByFiscalYear = rowCountByFiscalYear
        self.anomalies = anomalies
    }

    enum CodingKeys: String, CodingKey {
        case seed, rows, currency, anomalies
        case firstFiscalYear = "first_fiscal_year"
        case fiscalYears = "fiscal_years"
        case approvalLimit = "approval_limit"
        case totalsByFiscalYear = "totals_by_fiscal_year"
        case rowCountByFiscalYear = "row_count_by_fiscal_year"
    }
}

/// One injected anomaly and the physical CSV lines that carry it (line 1 is the header, so the 0-based data
/// row k is line k + 2).
public struct SampleAnomaly: Codable, Sendable, Hashable {
    /// What kind of anomaly this is.
    public var kind: SampleAnomalyKind
    /// The CSV lines of its rows, ascending.
    public var lines: [Int]
    /// The posting period it concerns, `YYYY-PP`.
    public var period: String?
    /// The dimension values that identify it, keyed by column name (e.g. `cost_center_id`).
    public var dimensions: [String: String]
    /// One sentence for a person.
    public var description: String
    /// The reference figure; its meaning depends on ``kind`` (see ``SampleAnomalyKind``).
    public var expected: Money?
    /// The anomalous figure; its meaning depends on ``kind`` (see ``SampleAnomalyKind``).
    public var actual: Money?

    /// Creates an anomaly label.
    public init(
        kind: SampleAnomalyKind,
        lines: [Int],
        period: String?,
        dimensions: [String: String],
        description: String,
        expected: Money? = nil,
        actual: Money? = nil
    ) {
        self.kind = kind
        self.lines = lines
        self.period = period
        self.dimensions = dimensions
        self.description = description
        self.expected = expected
        self.actual = actual
    }
}

/// The kinds of injected anomaly, with the meaning of their `dimensions`, `expected` and `actual`.
public enum SampleAnomalyKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// One row far above its GL account's typical amount. Dimensions: `general_ledger_account`,
    /// `cost_center_id`, `supplier`. `expected`: the account's typical (median) amount in that period;
    /// `actual`: the row's amount, 50–200 times as much (a natural row stays under 25 times).
    case pointOutlier = "point_outlier"
    /// One cost centre spends at least 60 % more than in the previous period. Lines: all rows of the cost
    /// centre in the period. Dimensions: `cost_center_id`. `expected`: the signed spend in the previous
    /// period; `actual`: the signed spend in this period.
    case momSpike = "mom_spike"
    /// A period-over-period change caused by extra spend for one directorate and supplier only. Lines: the
    /// injected rows. Dimensions: `directorate`, `supplier`. `actual`: the injected extra amount (the sum of
    /// the lines).
    case rootCause = "root_cause"
    /// The same invoice paid twice: two rows (original, then copy) with the same supplier, amount and
    /// reference, posted 0–3 days apart. Dimensions: `supplier`, `reference`, `cost_center_id`. `actual`: the
    /// amount paid twice.
    case duplicatePayment = "duplicate_payment"
    /// A cluster of invoices from one supplier to one cost centre, each in [0.97 · limit, limit).
    /// Dimensions: `supplier`, `cost_center_id`. `expected`: the approval limit; `actual`: the cluster total.
    case belowApprovalLimit = "below_approval_limit"
}
