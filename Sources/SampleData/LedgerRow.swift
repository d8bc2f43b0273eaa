/// One data row of the extract, as indices into the ``SampleCatalog`` plus the values that vary per row.
/// Its period is implied by its position in the file.
struct LedgerRow: Sendable {
    var costCentre: Int
    var account: Int
    var supplier: Int
    /// The transaction; `nil` means the credit memo transaction of credit rows.
    var debitTransaction: Int?
    var documentHeaderText: Int
    /// Set only for rows whose transaction refers to a purchase order.
    var purchaseOrderDescription: Int?
    /// The positive amount in minor units, as written to `company_code_currency_value`.
    var amount: Int64
    /// `H` (credit) when true, `S` (debit) otherwise.
    var isCredit: Bool { debitTransaction == nil }
    /// The document number in `reference`.
    var reference: Int
    /// Day of month of `posting_date`.
    var postingDay: Int

    /// The amount with the debit/credit sign applied: `S` = +amount, `H` = −amount.
    var signedAmount: Int64 { isCredit ? -amount : amount }
}
