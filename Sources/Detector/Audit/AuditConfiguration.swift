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

    /// Settings of the duplicate payment test (see ``FindingKind/duplicatePayment`` and ``DuplicatePaymentGroups``).
    public struct DuplicatePayments: Sendable {
        /// Payments of one supplier with the same amount under different references are compared when their
        /// posting dates lie at most this many days apart (chained); split invoice parts likewise. Default 3.
        public var windowDays: Int
        /// References whose numbers (after the same letters) are at most this far apart, each from the
        /// previous one, are one run keyed in one sitting, not a payment made twice. Default 100.
        public var runGap: Int
        /// The same amount paid to at least this many suppliers on one day is a payment run or a grant
        /// programme, not a duplicate. Default 5.
        public var paymentRunSuppliers: Int
        /// The same amount paid to one supplier in at least this many fiscal periods is a schedule
        /// (``PaymentSchedules``), not a duplicate when paid under different references. Default 3.
        public var scheduleMinimumPeriods: Int
        /// A supplier whose name contains one of these (ignoring case) stands for many payees (redacted
        /// personal data, one-time vendors, sundry payments); its payments under different references are never
        /// compared. Default ``defaultPlaceholderSuppliers``.
        public var placeholderSuppliers: [String]
        /// Parts of one invoice reference adding up to a multiple of this, while no part is one, are a split
        /// invoice. Default 1,000.00 currency units (100,000 minor units).
        public var splitRoundUnit: Money

        /// The default placeholder supplier names: `redacted`, `one-time`, `one time`, `sundry`,
        /// `miscellaneous`, `various`.
        public static let defaultPlaceholderSuppliers = [
            "redacted", "one-time", "one time", "sundry", "miscellaneous", "various",
        ]

        /// Creates the settings.
        public init(
            windowDays: Int = 3,
            runGap: Int = 100,
            paymentRunSuppliers: Int = 5,
            scheduleMinimumPeriods: Int = 3,
            placeholderSuppliers: [String] = DuplicatePayments.defaultPlaceholderSuppliers,
            splitRoundUnit: Money = Money(minorUnits: 100_000)
        ) {
            self.windowDays = windowDays
            self.runGap = runGap
            self.paymentRunSuppliers = paymentRunSuppliers
            self.scheduleMinimumPeriods = scheduleMinimumPeriods
            self.placeholderSuppliers = placeholderSuppliers
            self.splitRoundUnit = splitRoundUnit
        }
    }

    /// Settings of the Benford first-digit test (see ``FindingKind/benford`` and ``BenfordAudit``).
    public struct Benford: Sendable {
        /// Whether the whole ledger is tested as one population. Default true.
        public var ledger: Bool
        /// Whether each account class is tested: the values of `account_type` when the ledger has any, else
        /// each GL account. Default true.
        public var accountClasses: Bool
        /// Dimensions whose values are tested one by one as well, e.g. supplier (`benford_per_supplier`).
        /// Default none: a supplier with fixed prices or instalments never follows Benford's law.
        public var dimensions: [LedgerDimension]
        /// A population is tested only with at least this many qualifying amounts. Default 1,000.
        public var minimumLines: Int
        /// Only positive amounts of at least this much qualify. Default 10.00 currency units (1,000 minor
        /// units), which leaves out small fees whose first digit is set by price lists.
        public var minimumAmount: Money
        /// Besides a MAD above 0.015, the deviation must be more than sampling noise: the chi-square test of
        /// the nine digit counts against Benford's (8 degrees of freedom) must give a p-value at most this.
        /// Default 0.001; 1 turns it off. With 1,000 amounts or more it rarely binds: MAD decides.
        public var significance: Double

        /// Creates the settings.
        public init(
            ledger: Bool = true,
            accountClasses: Bool = true,
            dimensions: [LedgerDimension] = [],
            minimumLines: Int = 1_000,
            minimumAmount: Money = Money(minorUnits: 1_000),
            significance: Double = 0.001
        ) {
            self.ledger = ledger
            self.accountClasses = accountClasses
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
