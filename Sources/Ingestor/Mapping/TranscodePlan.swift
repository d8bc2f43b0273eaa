import Shared

/// A profile's settings, checked and turned into the bytes and enums the transcoder uses.
struct ResolvedSettings: Sendable {
    /// The delimiter byte, or nil to sniff it from the header line.
    var delimiter: UInt8?
    var encoding: TextEncoding
    var numberFormat: NumberFormat
    var dateFormat: DateFormat
    var amountSign: MappingProfile.AmountSign
    var fiscalYearStartMonth: Int
    var extraFields: MappingProfile.ExtraFields

    init(profile: MappingProfile, source: String) throws {
        func fail(_ reason: String) -> MappingError { MappingError(source: source, reason: reason) }
        switch profile.delimiter ?? "auto" {
        case "auto": delimiter = nil
        case ",": delimiter = UInt8(ascii: ",")
        case ";": delimiter = UInt8(ascii: ";")
        case "|": delimiter = UInt8(ascii: "|")
        case "tab", "\t": delimiter = 0x09
        case let other: throw fail("delimiter must be one of , ; | tab auto, found '\(other)'")
        }
        guard let encoding = TextEncoding(rawValue: (profile.encoding ?? "utf-8").lowercased()) else {
            throw fail("encoding must be utf-8 or windows-1252, found '\(profile.encoding ?? "")'")
        }
        self.encoding = encoding
        let decimal: UInt8
        switch profile.decimalSeparator ?? "." {
        case ".": decimal = UInt8(ascii: ".")
        case ",": decimal = UInt8(ascii: ",")
        case let other: throw fail("decimal_separator must be . or , found '\(other)'")
        }
        var thousands: UInt8?
        switch profile.thousandsSeparator ?? (decimal == UInt8(ascii: ".") ? "," : ".") {
        case ",": thousands = UInt8(ascii: ",")
        case ".": thousands = UInt8(ascii: ".")
        case "space", " ": thousands = 0x20
        case "'": thousands = UInt8(ascii: "'")
        case "none", "": thousands = nil
        case let other: throw fail("thousands_separator must be , . space ' or none, found '\(other)'")
        }
        guard thousands != decimal else { throw fail("thousands_separator and decimal_separator are the same") }
        numberFormat = NumberFormat(decimalSeparator: decimal, thousandsSeparator: thousands)
        guard let dateFormat = DateFormat(rawValue: profile.dateFormat ?? "YYYY-MM-DD") else {
            throw fail(
                "date_format must be one of \(DateFormat.allCases.map(\.rawValue).joined(separator: ", ")), found '\(profile.dateFormat ?? "")'"
            )
        }
        self.dateFormat = dateFormat
        amountSign = profile.amountSign ?? .indicator
        fiscalYearStartMonth = profile.fiscalYearStartMonth ?? 1
        guard (1...12).contains(fiscalYearStartMonth) else { throw fail("fiscal_year_start_month must be 1-12") }
        extraFields = profile.extraFields ?? .reject
        for target in (profile.columns ?? [:]).keys where FinanceExpenseColumn(rawValue: target) == nil {
            throw fail("unknown target column '\(target)'")
        }
        for target in (profile.constants ?? [:]).keys where FinanceExpenseColumn(rawValue: target) == nil {
            throw fail("unknown target column '\(target)' in constants")
        }
    }
}

/// Where each `finance_expense` column's value comes from in one particular file, resolved from the
/// profile and the file's header line.
struct TranscodePlan: Sendable {
    enum Source: Sendable, Equatable {
        /// Field at this index of each record; the header name is kept for messages.
        case field(Int, header: String)
        /// The same bytes for every row.
        case constant([UInt8])
        /// Not in this file: NULL.
        case absent
    }

    /// One source per ``FinanceExpenseColumn/allCases`` entry, in that order.
    var sources: [Source]
    var settings: ResolvedSettings
    /// Number of columns in the header; records with fewer fields are rejected.
    var headerFieldCount: Int
    /// Fiscal year and period come from the posting date instead of columns.
    var derivesPeriodFromDate: Bool

    /// Resolves `profile` against `header` (the header line's field names).
    ///
    /// - Throws: ``MappingError`` naming a required column that is missing and the headers that were found.
    init(profile: MappingProfile, settings: ResolvedSettings, header: [String], source: String) throws {
        func normalized(_ name: String) -> String {
            name.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ").lowercased()
        }
        var positions: [String: Int] = [:]
        for (index, name) in header.enumerated() where positions[normalized(name)] == nil {
            positions[normalized(name)] = index
        }
        var sources: [Source] = []
        for column in FinanceExpenseColumn.allCases {
            if let candidates = profile.columns?[column.rawValue],
                let (index, name) = candidates.lazy
                    .compactMap({ name in positions[normalized(name)].map { ($0, name) } }).first
            {
                sources.append(.field(index, header: header[index].isEmpty ? name : header[index]))
            } else if let constant = profile.constants?[column.rawValue] {
                sources.append(.constant(Array(constant.utf8)))
            } else {
                sources.append(.absent)
            }
        }
        func provided(_ column: FinanceExpenseColumn) -> Bool {
            sources[FinanceExpenseColumn.allCases.firstIndex(of: column)!] != .absent
        }
        func missing(_ column: FinanceExpenseColumn) -> MappingError {
            let names = profile.columns?[column.rawValue] ?? []
            return MappingError(
                source: source,
                reason:
                    "required column \(column.rawValue) not found in the header (looked for: \(names.isEmpty ? "no mapping" : names.joined(separator: ", "))); header has: \(header.joined(separator: ", "))"
            )
        }
        guard provided(.companyCodeCurrencyValue) else { throw missing(.companyCodeCurrencyValue) }
        if settings.amountSign == .indicator, !provided(.debitCreditInd) { throw missing(.debitCreditInd) }
        let hasPeriodColumns = provided(.generalLedgerFiscalYear) && provided(.postingPeriod)
        if !hasPeriodColumns {
            guard provided(.postingDate) else {
                throw MappingError(
                    source: source,
                    reason:
                        "needs general_ledger_fiscal_year and posting_period columns, or a posting_date to derive them from; header has: \(header.joined(separator: ", "))"
                )
            }
        }
        self.sources = sources
        self.settings = settings
        self.headerFieldCount = header.count
        self.derivesPeriodFromDate = !hasPeriodColumns
    }
}
