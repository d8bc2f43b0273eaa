/// The columns of the `finance_expense` table that a load can fill, in the order of the original
/// 31-column `finance_expense` extract layout.
///
/// The raw value is both the PostgreSQL column name and the header name in the original layout.
/// `amount` (signed by the debit/credit rule), `batch_id` and `source_line` are added by finrca and are
/// not part of an extract.
public enum FinanceExpenseColumn: String, CaseIterable, Sendable, Hashable, Codable {
    case postingPeriod = "posting_period"
    case ledger
    case companyCode = "company_code"
    case companyCodeCurrencyKey = "company_code_currency_key"
    case companyCodeCurrencyValue = "company_code_currency_value"
    case debitCreditInd = "debit_credit_ind"
    case accountType = "account_type"
    case region
    case profitCenterID = "profit_center_id"
    case profitCenterName = "profit_center_name"
    case costCenterID = "cost_center_id"
    case costCenterName = "cost_center_name"
    case directorate
    case entity
    case remappingDirectorate = "remapping_directorate"
    case functionalArea = "functional_area"
    case functionalAreaName = "functional_area_name"
    case generalLedgerAccount = "general_ledger_account"
    case generalLedgerAccountName = "general_ledger_account_name"
    case generalLedgerFiscalYear = "general_ledger_fiscal_year"
    case fund
    case supplier
    case reference
    case documentHeaderText = "document_header_text"
    case poDescription = "po_description"
    case transaction
    case level1 = "level_1"
    case level7 = "level_7"
    case status
    case fundsCenter = "funds_center"
    case postingDate = "posting_date"

    /// How the value of a column is checked and written to PostgreSQL.
    public enum Kind: Sendable, Hashable {
        /// Free text (PostgreSQL `TEXT`); an empty field is stored as NULL.
        case text
        /// Money, `NUMERIC(15,2)`: parsed exactly into minor units.
        case money
        /// A fiscal year, `SMALLINT` in 1900...2999.
        case fiscalYear
        /// A posting period, `SMALLINT` in 1...16 (12 months plus 4 special periods).
        case postingPeriod
        /// The debit/credit indicator: `S` (debit) or `H` (credit).
        case debitCredit
        /// A calendar date, `DATE`.
        case date
    }

    /// How this column's values are validated and encoded.
    public var kind: Kind {
        switch self {
        case .companyCodeCurrencyValue: .money
        case .generalLedgerFiscalYear: .fiscalYear
        case .postingPeriod: .postingPeriod
        case .debitCreditInd: .debitCredit
        case .postingDate: .date
        default: .text
        }
    }

    /// Whether every stored row must have a value in this column.
    public var isRequired: Bool {
        switch self {
        case .postingPeriod, .generalLedgerFiscalYear, .companyCodeCurrencyValue, .debitCreditInd: true
        default: false
        }
    }
}
