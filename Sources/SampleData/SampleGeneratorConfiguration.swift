public import Shared

/// What a ``SampleGenerator`` produces: how many rows, from which seed, over which fiscal years.
///
/// Fiscal years are calendar years and posting periods 1...12 are their months, so a run covers
/// `fiscalYears * 12` consecutive periods starting in January of `firstFiscalYear`.
/// Amounts scale with `approvalLimit`: each GL account's typical amount lies between 1/200 and 1/2.5 of it,
/// so the default limit gives IDR-sized figures and a smaller limit gives figures fit for another currency.
public struct SampleGeneratorConfiguration: Sendable, Hashable {
    /// The exact number of data rows written, injected anomaly rows included.
    public var rows: Int
    /// The seed every random choice derives from; the same configuration always yields the same bytes.
    public var seed: UInt64
    /// The first fiscal (= calendar) year covered.
    public var firstFiscalYear: Int
    /// How many consecutive fiscal years are covered; at least 1.
    public var fiscalYears: Int
    /// The value of `company_code_currency_key` on every row.
    public var currency: String
    /// The approval limit that the `below_approval_limit` anomaly stays just under; at least 1.00.
    public var approvalLimit: Money

    /// Creates a configuration; only `rows` and `seed` have no default.
    public init(
        rows: Int,
        seed: UInt64,
        firstFiscalYear: Int = 2022,
        fiscalYears: Int = 3,
        currency: String = "IDR",
        approvalLimit: Money = Money(minorUnits: 5_000_000_000)
    ) {
        self.rows = rows
        self.seed = seed
        self.firstFiscalYear = firstFiscalYear
        self.fiscalYears = fiscalYears
        self.currency = currency
        self.approvalLimit = approvalLimit
    }

    /// The number of monthly periods covered.
    var periodCount: Int { fiscalYears * 12 }

    /// Throws ``SampleGeneratorError/invalidConfiguration(_:)`` naming the first setting that cannot be generated.
    func validate() throws(SampleGeneratorError) {
        guard rows >= 0 else { throw .invalidConfiguration("rows must not be negative, got \(rows)") }
        guard fiscalYears >= 1 else {
            throw .invalidConfiguration("fiscalYears must be at least 1, got \(fiscalYears)")
        }
        guard firstFiscalYear >= 1900, firstFiscalYear + fiscalYears - 1 <= 2999 else {
            throw .invalidConfiguration("fiscal years must lie in 1900...2999")
        }
        guard !currency.isEmpty, !currency.contains(where: \.isNewline) else {
            throw .invalidConfiguration("currency must be non-empty text without line breaks")
        }
        guard approvalLimit.minorUnits >= 100 else {
            throw .invalidConfiguration("approvalLimit must be at least 1.00, got \(approvalLimit)")
        }
    }
}
