import Shared

/// Writes ``LedgerRow``s as CSV records in ``FinanceExpenseColumn`` order.
struct LedgerRowEncoder {
    private static let columns = FinanceExpenseColumn.allCases
    private static let ledgerField = CSVField("0L")
    private static let companyCodeField = CSVField("1000")
    private static let debitField = CSVField("S")
    private static let creditField = CSVField("H")
    private static let statusField = CSVField("Posted")

    private let catalog: SampleCatalog
    private let currencyField: CSVField

    init(catalog: SampleCatalog, currency: String) {
        self.catalog = catalog
        self.currencyField = CSVField(currency)
    }

    /// Writes the header record: the column names.
    func writeHeader(to writer: inout CSVFileWriter) throws {
        for (position, column) in Self.columns.enumerated() {
            if position > 0 { writer.appendSeparator() }
            writer.append(CSVField(column.rawValue))
        }
        try writer.endRecord()
    }

    /// Writes one data record.
    func write(_ row: LedgerRow, in period: PeriodContext, to writer: inout CSVFileWriter) throws {
        let costCentres = catalog.organisation.costCentres
        let accounts = catalog.accounts.accounts
        let narratives = catalog.narratives
        let transaction = row.debitTransaction.map { narratives.debitTransactions[$0] } ?? narratives.creditTransaction
        for (position, column) in Self.columns.enumerated() {
            if position > 0 { writer.appendSeparator() }
            switch column {
            case .postingPeriod: writer.append(period.postingPeriodField)
            case .ledger: writer.append(Self.ledgerField)
            case .companyCode: writer.append(Self.companyCodeField)
            case .companyCodeCurrencyKey: writer.append(currencyField)
            case .companyCodeCurrencyValue: writer.appendAmount(minorUnits: row.amount)
            case .debitCreditInd: writer.append(row.isCredit ? Self.creditField : Self.debitField)
            case .accountType: writer.append(transaction.accountTypeField)
            case .region: writer.append(costCentres[row.costCentre].regionField)
            case .profitCenterID: writer.append(costCentres[row.costCentre].profitCentreIDField)
            case .profitCenterName: writer.append(costCentres[row.costCentre].profitCentreNameField)
            case .costCenterID: writer.append(costCentres[row.costCentre].idField)
            case .costCenterName: writer.append(costCentres[row.costCentre].nameField)
            case .directorate: writer.append(costCentres[row.costCentre].directorateField)
            case .entity: writer.append(costCentres[row.costCentre].entityField)
            case .remappingDirectorate: writer.append(costCentres[row.costCentre].remappingDirectorateField)
            case .functionalArea: writer.append(costCentres[row.costCentre].functionalAreaField)
            case .functionalAreaName: writer.append(costCentres[row.costCentre].functionalAreaNameField)
            case .generalLedgerAccount: writer.append(accounts[row.account].idField)
            case .generalLedgerAccountName: writer.append(accounts[row.account].nameField)
            case .generalLedgerFiscalYear: writer.append(period.fiscalYearField)
            case .fund: writer.append(costCentres[row.costCentre].fundField)
            case .supplier: writer.append(catalog.suppliers.fields[row.supplier])
            case .reference: writer.appendInteger(row.reference)
            case .documentHeaderText: writer.append(narratives.documentHeaderTexts[row.documentHeaderText])
            case .poDescription:
                writer.append(row.purchaseOrderDescription.map { narratives.purchaseOrderDescriptions[$0] } ?? .empty)
            case .transaction: writer.append(transaction.codeField)
            case .level1: writer.append(accounts[row.account].level1Field)
            case .level7: writer.append(accounts[row.account].level7Field)
            case .status: writer.append(Self.statusField)
            case .fundsCenter: writer.append(costCentres[row.costCentre].fundsCentreField)
            case .postingDate: writer.append(period.postingDays.dateFields[row.postingDay - 1])
            }
        }
        try writer.endRecord()
    }
}
