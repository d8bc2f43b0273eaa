import Shared

/// A family of populations the Benford test compares with Benford's law: every row's population as a code
/// (0 = in none), and how a population is named in a finding.
///
/// Auditors apply the test to populations large enough and varied enough to follow the law: the ledger as a
/// whole and its account classes; a single supplier's amounts (fixed prices, instalments) do not.
struct BenfordPopulations {
    /// What the family is, as `details["population"]`: `ledger`, `account_type` or a dimension's raw value.
    let name: String
    /// The population of each row, by code; 0 = the row is in none.
    let codes: [Int32]
    /// The number of codes, including 0.
    let codeCount: Int
    /// Names one population in a finding.
    let describe: @Sendable (Int32) -> Population

    /// How a finding names one population.
    struct Population {
        /// The dimensions of the finding (none for the ledger and for an account type).
        let dimensions: [DimensionValue]
        /// What singles the finding out beyond its dimensions (part of the fingerprint), if anything.
        let subject: String?
        /// The population in a sentence: "The ledger", "Account class Revenue Expenditure", "Supplier X".
        let label: String
    }

    /// Every row in one population.
    static func ledger(_ columns: LedgerColumns) -> Self {
        Self(name: "ledger", codes: Array(repeating: 1, count: columns.count), codeCount: 2) { _ in
            Population(dimensions: [], subject: "ledger", label: "The ledger")
        }
    }

    /// The account classes: the values of `account_type` when any row has one, else the GL accounts.
    static func accountClasses(_ columns: LedgerColumns) -> Self {
        let accountTypes = columns.accountTypes
        guard accountTypes.count > 1 else { return dimension(.glAccount, columns) }
        return Self(name: "account_type", codes: columns.accountType, codeCount: accountTypes.count) { code in
            let value = accountTypes.value(code)!
            return Population(dimensions: [], subject: "account type \(value)", label: "Account class \(value)")
        }
    }

    /// Each value of `dimension`.
    static func dimension(_ dimension: LedgerDimension, _ columns: LedgerColumns) -> Self {
        let dictionary = columns.dictionary(dimension)
        return Self(name: dimension.rawValue, codes: columns.codes(dimension), codeCount: dictionary.count) { code in
            let value = dictionary.value(code)!
            return Population(
                dimensions: [DimensionValue(dimension, value)],
                subject: nil,
                label: AuditText.subject(dimension, value)
            )
        }
    }

    /// The families `settings` asks for: the ledger, the account classes, then each configured dimension.
    static func configured(_ settings: AuditConfiguration.Benford, _ columns: LedgerColumns) -> [Self] {
        (settings.ledger ? [ledger(columns)] : []) + (settings.accountClasses ? [accountClasses(columns)] : [])
            + settings.dimensions.map { dimension($0, columns) }
    }
}
