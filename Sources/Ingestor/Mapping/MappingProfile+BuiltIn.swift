import Shared

extension MappingProfile {
    /// The built-in profiles by name.
    public static let builtIn: [String: MappingProfile] = [
        financeExpense.name: financeExpense, sap.name: sap,
    ]

    /// The original 31-column `finance_expense` layout, by header name.
    public static let financeExpense = MappingProfile(
        name: "finance_expense",
        description: "the original 31-column finance_expense extract (headers equal the column names)",
        delimiter: "auto",
        encoding: "utf-8",
        decimalSeparator: ".",
        thousandsSeparator: ",",
        dateFormat: "YYYY-MM-DD",
        amountSign: .indicator,
        fiscalYearStartMonth: 1,
        extraFields: .reject,
        columns: Dictionary(uniqueKeysWithValues: FinanceExpenseColumn.allCases.map { ($0.rawValue, [$0.rawValue]) })
    )

    /// SAP FI line items (BSEG/BKPF field names, as an ALV or SE16 export writes them).
    public static let sap = MappingProfile(
        name: "sap",
        description:
            "SAP FI line-item export with technical field names (BUKRS, GJAHR, MONAT, HKONT, SHKZG, DMBTR, ...)",
        delimiter: "auto",
        encoding: "utf-8",
        decimalSeparator: ".",
        thousandsSeparator: ",",
        dateFormat: "DD.MM.YYYY",
        amountSign: .indicator,
        fiscalYearStartMonth: 1,
        extraFields: .ignore,
        columns: [
            "company_code": ["BUKRS"],
            "general_ledger_fiscal_year": ["GJAHR"],
            "posting_period": ["MONAT", "POPER"],
            "posting_date": ["BUDAT"],
            "general_ledger_account": ["HKONT", "SAKNR", "RACCT"],
            "general_ledger_account_name": ["TXT50", "TXT20"],
            "cost_center_id": ["KOSTL", "RCNTR"],
            "profit_center_id": ["PRCTR"],
            "functional_area": ["FKBER", "RFAREA"],
            "debit_credit_ind": ["SHKZG", "DRCRK"],
            "company_code_currency_value": ["DMBTR", "HSL"],
            "company_code_currency_key": ["HWAER", "WAERS", "RHCUR"],
            "supplier": ["LIFNR"],
            "reference": ["XBLNR", "BELNR"],
            "document_header_text": ["BKTXT"],
            "po_description": ["SGTXT"],
            "transaction": ["TCODE", "BLART"],
            "ledger": ["RLDNR"],
            "account_type": ["KOART"],
            "entity": ["GSBER"],
            "fund": ["GEBER"],
            "funds_center": ["FISTL"],
            "status": ["BSTAT"],
        ]
    )
}
