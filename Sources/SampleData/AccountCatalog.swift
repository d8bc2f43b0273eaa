import Shared

/// One expense GL account with its amount scale, pre-encoded.
struct GLAccount: Sendable {
    /// The 6-digit account id, e.g. `521010`.
    let id: String
    /// The median amount of a row on this account, in minor units, before the period's spend factor.
    let typicalAmount: Double
    /// The log-space spread of its amounts.
    let sigma: Double
    let idField: CSVField
    let nameField: CSVField
    let level1Field: CSVField
    let level7Field: CSVField

    /// The mean of its (unclipped) lognormal amounts, in minor units.
    var meanAmount: Double { typicalAmount * PortableMath.exp(sigma * sigma / 2) }

    /// The median amount of a row on this account in `period`, in whole minor units.
    func typicalAmount(in period: FiscalPeriod) -> Int64 {
        Int64((typicalAmount * period.spendFactor).rounded())
    }
}

/// The chart of expense accounts and how often each is used.
struct AccountCatalog: Sendable {
    /// The largest z-score a natural amount may reach: with `sigma < 1` no natural row exceeds 25 times its
    /// account's typical amount in its period, which keeps point outliers (≥ 50×) apart.
    static let amountClip = 3.2

    let accounts: [GLAccount]
    /// Draws the account of a row; Zipf weights over a shuffled order, so a few accounts dominate.
    let accountSampler: WeightedSampler
    /// The expected amount of a natural row before the period's spend factor, in minor units.
    let meanRowAmount: Double

    /// Builds the accounts; typical amounts are log-uniform between 1/200 and 1/2.5 of `approvalLimit`.
    init(approvalLimit: Int64, using generator: inout SeededGenerator) {
        let lowest = PortableMath.log(Double(approvalLimit) / 200)
        let highest = PortableMath.log(Double(approvalLimit) / 2.5)
        var accounts: [GLAccount] = []
        for group in Self.groups {
            for (serial, name) in group.accounts.enumerated() {
                let id = String(group.prefix * 10_000 + 1_000 + (serial + 1) * 10)
                accounts.append(
                    GLAccount(
                        id: id,
                        typicalAmount: PortableMath.exp(generator.nextDouble(in: lowest..<highest)).rounded(),
                        sigma: generator.nextDouble(in: 0.6..<1.0),
                        idField: CSVField(id),
                        nameField: CSVField(name),
                        level1Field: CSVField(group.level1),
                        level7Field: CSVField(group.level7)
                    )
                )
            }
        }
        let ranks = generator.nextDistinctIndices(accounts.count, below: accounts.count)
        let zipf = WeightedSampler.zipf(count: accounts.count, exponent: 1)
        let sampler = WeightedSampler(weights: ranks.map { zipf.probability(of: $0) })
        self.accounts = accounts
        self.accountSampler = sampler
        self.meanRowAmount = accounts.indices.reduce(0) { $0 + sampler.probability(of: $1) * accounts[$1].meanAmount }
    }

    /// The index of the account with the largest typical amount among the `count` most used ones.
    func largestAmongMostUsed(_ count: Int) -> Int {
        largestAmongMostUsed(count, taking: 1)[0]
    }

    /// The `taking` accounts with the largest typical amounts among the `count` most used, largest first.
    func largestAmongMostUsed(_ count: Int, taking: Int) -> [Int] {
        let mostUsed = accounts.indices.sorted {
            accountSampler.probability(of: $0) > accountSampler.probability(of: $1)
        }
        return Array(
            mostUsed.prefix(count).sorted { accounts[$0].typicalAmount > accounts[$1].typicalAmount }.prefix(taking)
        )
    }

    /// The indices of the accounts whose typical amount is at least `amount` (minor units), or of the one
    /// with the largest typical amount when there are none.
    func accounts(typicallyAtLeast amount: Double) -> [Int] {
        let large = accounts.indices.filter { accounts[$0].typicalAmount >= amount }
        return large.isEmpty
            ? [accounts.indices.max { accounts[$0].typicalAmount < accounts[$1].typicalAmount }!] : large
    }

    private struct Group {
        /// The first two digits of its accounts' ids.
        let prefix: Int
        let level1: String
        let level7: String
        let accounts: [String]
    }

    private static let groups = [
        Group(
            prefix: 51,
            level1: "Operating Expenses",
            level7: "Personnel Expenses",
            accounts: [
                "Salaries - Contract Staff", "Overtime", "Outsourced Labour", "Employee Medical",
                "Employee Insurance", "Recruitment", "Training & Development", "Uniforms",
            ]
        ),
        Group(
            prefix: 52,
            level1: "Operating Expenses",
            level7: "Travel & Accommodation",
            accounts: [
                "Travel - Domestic", "Travel - International", "Accommodation", "Per Diem",
                "Meals & Entertainment", "Local Transport",
            ]
        ),
        Group(
            prefix: 53,
            level1: "Operating Expenses",
            level7: "Facilities",
            accounts: [
                "Building Rent", "Building Maintenance", "Electricity", "Water", "Cleaning Services",
                "Security Services", "Warehouse Rental", "Office Renovation - Minor",
            ]
        ),
        Group(
            prefix: 54,
            level1: "Operating Expenses",
            level7: "Information Technology",
            accounts: [
                "IT Software Licences", "IT Cloud Services", "IT Hardware Maintenance", "IT Consulting",
                "Telephone & Internet", "Data Communication",
            ]
        ),
        Group(
            prefix: 55,
            level1: "Operating Expenses",
            level7: "Professional Services",
            accounts: [
                "Consulting Fees", "Legal Fees", "Audit Fees", "Tax Consulting", "Notary Fees", "Survey & Research",
            ]
        ),
        Group(
            prefix: 56,
            level1: "Operating Expenses",
            level7: "Marketing & Communication",
            accounts: [
                "Marketing & Advertising", "Sponsorship", "Events & Conferences", "Public Relations",
                "Corporate Social Responsibility", "Printing - Promotional Material",
            ]
        ),
        Group(
            prefix: 57,
            level1: "Cost of Revenue",
            level7: "Operations & Logistics",
            accounts: [
                "Freight & Logistics", "Vehicle Fuel", "Vehicle Rental", "Vehicle Maintenance", "Spare Parts",
                "Repair & Maintenance - Machinery", "Packaging Materials", "Tools & Equipment - Minor",
                "Safety Equipment", "Laboratory Supplies",
            ]
        ),
        Group(
            prefix: 58,
            level1: "Operating Expenses",
            level7: "General & Administrative",
            accounts: [
                "Office Supplies", "Printing & Stationery", "Postage & Courier", "Bank Charges",
                "Licences & Permits", "Subscriptions & Memberships", "Insurance - Property",
                "Insurance - Vehicles", "Donations", "Entertainment - Client", "Minor Assets",
            ]
        ),
    ]
}
