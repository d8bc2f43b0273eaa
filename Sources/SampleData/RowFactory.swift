import Shared

/// Draws ordinary ("natural") rows from the catalog.
struct RowFactory: Sendable {
    /// The share of natural rows that are credits (`H`).
    static let creditShare = 0.05
    /// Reference numbers are this base plus the 0-based row number, so every row has its own.
    static let firstReference = 5_100_000_000

    let catalog: SampleCatalog

    /// A natural row; `allowsCredit: false` forces a debit.
    func naturalRow(
        row: Int,
        postingDay: Int,
        period: FiscalPeriod,
        allowsCredit: Bool,
        using generator: inout SeededGenerator
    ) -> LedgerRow {
        let account = catalog.accounts.accountSampler.sample(using: &generator)
        let isCredit = allowsCredit && generator.nextBool(probability: Self.creditShare)
        let transaction = isCredit ? nil : catalog.narratives.debitTransactionSampler.sample(using: &generator)
        let refersToPurchaseOrder =
            transaction.map { catalog.narratives.debitTransactions[$0].refersToPurchaseOrder } ?? false
        return LedgerRow(
            costCentre: catalog.organisation.costCentreSampler.sample(using: &generator),
            account: account,
            supplier: catalog.suppliers.sampler.sample(using: &generator),
            debitTransaction: transaction,
            documentHeaderText: generator.nextIndex(below: catalog.narratives.documentHeaderTexts.count),
            purchaseOrderDescription: refersToPurchaseOrder
                ? generator.nextIndex(below: catalog.narratives.purchaseOrderDescriptions.count)
                : nil,
            amount: naturalAmount(account: account, period: period, using: &generator),
            reference: Self.firstReference + row,
            postingDay: postingDay
        )
    }

    /// A natural amount for `account` in `period`, in minor units (at least 1).
    func naturalAmount(account: Int, period: FiscalPeriod, using generator: inout SeededGenerator) -> Int64 {
        let glAccount = catalog.accounts.accounts[account]
        let amount = generator.nextLogNormal(
            median: glAccount.typicalAmount * period.spendFactor,
            sigma: glAccount.sigma,
            clip: AccountCatalog.amountClip
        )
        return max(1, Int64(amount.rounded()))
    }

    /// A cost centre drawn like a natural row's, other than `excluded`.
    func costCentre(excluding excluded: Int?, using generator: inout SeededGenerator) -> Int {
        while true {
            let costCentre = catalog.organisation.costCentreSampler.sample(using: &generator)
            if costCentre != excluded { return costCentre }
        }
    }
}
