public import Shared

/// The settings of the five audit tests run by ``AuditTests/run(_:configuration:)``.
///
/// Every setting has a default chosen for an expense ledger in a currency with two decimals; amounts are
/// exact ``Money`` values.
public struct AuditConfiguration: Sendable {
    /// The currency key written in explanations, e.g. `IDR` in "IDR 12.5m".
    public var currency: String
    /// The most journal lines attached as evidence to one finding (largest amounts first); totals always
    /// cover every line. Default 50.
    public var evidenceLimit: Int
    /// Settings of the duplicate payment test.
    public var duplicatePayments: DuplicatePayments
    /// Settings of the Benford first-digit test.
    public var benford: Benford
    /// Settings of the round amount test.
    public var roundAmounts: RoundAmounts
    /// Settings of the below approval limit test.
    public var belowApprovalLimit: BelowApprovalLimit
    /// Settings of the weekend and holiday posting test.
    public var weekendPostings: WeekendPostings

    /// Creates a configuration; everything but the currency has a default.
    public init(
        currency: String,
        evidenceLimit: Int = 50,
        duplicatePayments: DuplicatePayments = DuplicatePayments(),
        benford: Benford = Benford(),
        roundAmounts: RoundAmounts = RoundAmounts(),
        belowApprovalLimit: BelowApprovalLimit = BelowApprovalLimit(),
        weekendPostings: WeekendPostings = WeekendPostings()
    ) {
        self.currency = currency
        self.evidenceLimit = evidenceLimit
        self.duplicatePayments = duplicatePayments
        self.benford = benford
        self.roundAmounts = roundAmounts
        self.belowApprovalLimit = belowApprovalLimit
        self.weekendPostings = weekendPostings
    }

    /// Settings of the duplicate payment test (see ``FindingKind/duplicatePayment``).
    public struct DuplicatePayments: Sendable {
        /// Lines of one supplier with the same amount count as one payment made again when their posting dates
        /// lie at most this many days apart (chained: each line within this many days of the previous one).
        /// Default 3, so a monthly payment of the same amount is never a duplicate.
        public var windowDays: Int

        /// Creates the settings.
        public init(windowDays: Int = 3) {
            self.windowDays = windowDays
        }
    }

    /// Settings of the Benford first-digit test (see ``FindingKind/benford``).
    public struct Benford: Sendable {
        /// The dimensions whose values are tested one by one. Default supplier and cost centre.
        public var dimensions: [LedgerDimension]
        /// A value is tested only with at least this many qualifying amounts. Default 300, below which
        /// Nigrini's MAD levels are unreliable.
        public var minimumLines: Int
        /// Only positive amounts of at least this much qualify. Default 10.00 currency units (1,000 minor
        /// units), which leaves out small fees whose first digit is set by price lists.
        public var minimumAmount: Money
        /// Besides a MAD above 0.015, the deviation must be more than sampling noise: the chi-square test of
        /// the nine digit counts against Benford's (8 degrees of freedom) must give a p-value at most this.
        /// Default 0.001. MAD shrinks only like 1/√n, so without this about a third of values with 300 amounts
        /// drawn from Benford's law itself would exceed 0.015; with it about 1 in 1,000 do. 1 turns it off.
        public var significance: Double

        /// Creates the settings.
        public init(
            dimensions: [LedgerDimension] = [.supplier, .costCenter],
            minimumLines: Int = 300,
            minimumAmount: Money = Money(minorUnits: 1_000),
            significance: Double = 0.001
        ) {
            self.dimensions = dimensions
            self.minimumLines = minimumLines
            self.minimumAmount = minimumAmount
            self.significance = significance
        }
    }

    /// Settings of the round amount test (see ``FindingKind/roundAmounts``).
    public struct RoundAmounts: Sendable {
        /// The dimensions whose values are tested one by one. Default supplier.
        public var dimensions: [LedgerDimension]
        /// An amount is round when it is an exact multiple of this. Default 10,000.00 currency units
        /// (1,000,000 minor units).
        public var roundUnit: Money
        /// A value is tested only with at least this many non-zero lines. Default 50.
        public var minimumLines: Int
        /// Its round share must be at least this multiple of the ledger-wide share. Default 3.
        public var minimumRatio: Double
        /// Its round share must be at least this. Default 0.20.
        public var minimumShare: Double
        /// The binomial z of its round-line count against the ledger-wide share must be at least this. Default 3.
        public var minimumZ: Double

        /// Creates the settings.
        public init(
            dimensions: [LedgerDimension] = [.supplier],
            roundUnit: Money = Money(minorUnits: 1_000_000),
            minimumLines: Int = 50,
            minimumRatio: Double = 3,
            minimumShare: Double = 0.20,
            minimumZ: Double = 3
        ) {
            self.dimensions = dimensions
            self.roundUnit = roundUnit
            self.minimumLines = minimumLines
            self.minimumRatio = minimumRatio
            self.minimumShare = minimumShare
            self.minimumZ = minimumZ
        }
    }

    /// Settings of the below approval limit test (see ``FindingKind/belowApprovalLimit``).
    public struct BelowApprovalLimit: Sendable {
        /// The approval limits; each is tested on its own. Default one limit of 50,000,000.00 currency units
        /// (5,000,000,000 minor units).
        public var limits: [Money]
        /// The width of the band just under a limit, as a fraction of the limit: amounts in
        /// [limit · (1 − band), limit) are "just below". Default 0.03.
        public var band: Double
        /// The dimensions whose values are tested one by one. Default supplier and cost centre.
        public var dimensions: [LedgerDimension]
        /// A value needs at least this many lines just below a limit to be flagged. Default 3.
        public var minimumLines: Int
        /// The largest one-sided binomial p-value that is flagged. Default 0.001.
        public var significance: Double

        /// Creates the settings.
        public init(
            limits: [Money] = [Money(minorUnits: 5_000_000_000)],
            band: Double = 0.03,
            dimensions: [LedgerDimension] = [.supplier, .costCenter],
            minimumLines: Int = 3,
            significance: Double = 0.001
        ) {
            self.limits = limits
            self.band = band
            self.dimensions = dimensions
            self.minimumLines = minimumLines
            self.significance = significance
        }
    }

    /// Settings of the weekend and holiday posting test (see ``FindingKind/weekendPosting``).
    public struct WeekendPostings: Sendable {
        /// The dimension whose values are tested period by period. Default cost centre.
        public var dimension: LedgerDimension
        /// Public holidays as days since 1970-01-01; a posting on one counts like a weekend posting.
        /// Default none.
        public var holidays: [Int32]
        /// A value's weekend share in a period must exceed this to be flagged. Default 0.05.
        public var maximumShare: Double
        /// A value needs at least this many weekend or holiday lines in a period to be flagged. Default 5.
        public var minimumLines: Int
        /// The largest one-sided binomial p-value, against the value's usual weekend share, that is flagged.
        /// Default 0.001.
        public var significance: Double

        /// Creates the settings.
        public init(
            dimension: LedgerDimension = .costCenter,
            holidays: [Int32] = [],
            maximumShare: Double = 0.05,
            minimumLines: Int = 5,
            significance: Double = 0.001
        ) {
            self.dimension = dimension
            self.holidays = holidays
            self.maximumShare = maximumShare
            self.minimumLines = minimumLines
            self.significance = significance
        }
    }
}
