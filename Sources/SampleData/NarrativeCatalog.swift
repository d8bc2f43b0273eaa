/// An SAP transaction code and what it implies for a row.
struct PostingTransaction: Sendable {
    let codeField: CSVField
    /// `K` vendor, `S` G/L account, `A` asset.
    let accountTypeField: CSVField
    /// Whether rows posted with it refer to a purchase order and so carry a `po_description`.
    let refersToPurchaseOrder: Bool

    init(code: String, accountType: String, refersToPurchaseOrder: Bool) {
        self.codeField = CSVField(code)
        self.accountTypeField = CSVField(accountType)
        self.refersToPurchaseOrder = refersToPurchaseOrder
    }
}

/// The fixed texts of a row: transactions, document header texts and purchase order descriptions.
/// Several texts contain commas, so quoting is exercised on ordinary rows too.
struct NarrativeCatalog: Sendable {
    /// Transactions of debit rows.
    let debitTransactions = [
        PostingTransaction(code: "FB60", accountType: "K", refersToPurchaseOrder: false),
        PostingTransaction(code: "MIRO", accountType: "K", refersToPurchaseOrder: true),
        PostingTransaction(code: "F-53", accountType: "K", refersToPurchaseOrder: false),
        PostingTransaction(code: "FB50", accountType: "S", refersToPurchaseOrder: false),
        PostingTransaction(code: "F-02", accountType: "S", refersToPurchaseOrder: false),
        PostingTransaction(code: "ABZON", accountType: "A", refersToPurchaseOrder: false),
    ]
    let debitTransactionSampler = WeightedSampler(weights: [0.38, 0.34, 0.08, 0.12, 0.05, 0.03])
    /// The transaction of credit rows (vendor credit memo).
    let creditTransaction = PostingTransaction(code: "FB65", accountType: "K", refersToPurchaseOrder: false)

    let documentHeaderTexts = [
        "Vendor invoice", "Monthly service charge", "Reimbursement, business travel", "Accrual reversal",
        "Maintenance contract, quarterly", "Consulting services per contract", "Utility bill",
        "Training fee, batch 2", "Purchase of supplies", "Rental payment", "Subscription renewal",
        "Freight charges, inbound", "Project expenses", "Licence fee", "Event costs, annual meeting",
        "Insurance premium", "Repair works", "Advance settlement", "Credit note", "Down payment clearing",
    ]
    .map(CSVField.init)

    let purchaseOrderDescriptions = [
        "Office equipment", "Laptops, monitors and docking stations", "Cleaning services, 12 months",
        "Security services contract", "Spare parts for generator set", "Printing of forms",
        "Catering, staff meeting", "Network equipment", "Safety helmets, boots and vests", "Fuel supply",
        "Cloud hosting", "Vehicle lease", "Consulting engagement", "Stationery", "Air tickets and hotel",
        "Laboratory reagents",
    ]
    .map(CSVField.init)
}
