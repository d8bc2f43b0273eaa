import Shared
import Foundation
import Yams

/// How the columns of one kind of extract map onto `finance_expense`, and how its values are written.
///
/// Built-in profiles are `finance_expense` (the original 31-column layout) and `sap` (SAP line-item export
/// field names); any other is a YAML file (see `config/mappings/`), which may `extends:` a built-in one.
/// Source columns are found by header name (case, surrounding spaces and repeated spaces ignored); each target
/// may list several candidate names, the first present wins.
public struct MappingProfile: Codable, Sendable, Equatable {
    /// How the amount's sign is given.
    public enum AmountSign: String, Codable, Sendable {
        /// The amount is a magnitude and the `debit_credit_ind` column (S/H) signs it.
        case indicator
        /// The amount already carries its sign; S is stored for ≥ 0, H (with the magnitude) for < 0.
        case signed
    }

    /// What to do with fields beyond the header's columns.
    public enum ExtraFields: String, Codable, Sendable {
        /// Such a row is rejected.
        case reject
        /// They are ignored (some exports append an empty or `#N/A` column).
        case ignore
    }

    /// The profile's name.
    public var name: String
    /// What the profile is for.
    public var description: String?
    /// A built-in profile whose settings apply where this one is silent.
    public var extends: String?
    /// `,` `;` `|` `tab` or `auto` (sniffed from the header line).
    public var delimiter: String?
    /// `utf-8` or `windows-1252`.
    public var encoding: String?
    /// `.` or `,`.
    public var decimalSeparator: String?
    /// `,` `.` `space` `'` or `none`.
    public var thousandsSeparator: String?
    /// One of `YYYY-MM-DD`, `DD.MM.YYYY`, `DD/MM/YYYY`, `MM/DD/YYYY`, `YYYYMMDD`.
    public var dateFormat: String?
    /// See ``AmountSign``.
    public var amountSign: AmountSign?
    /// When fiscal year and period are not columns, they are derived from `posting_date` with this first month
    /// of the fiscal year (1 = calendar year, 4 = April as in UK councils); the year is labelled by the calendar
    /// year in which the fiscal year starts.
    public var fiscalYearStartMonth: Int?
    /// See ``ExtraFields``.
    public var extraFields: ExtraFields?
    /// Target column → candidate source header names.
    public var columns: [String: [String]]?
    /// Target column → a fixed value for every row (e.g. a currency the file does not state).
    public var constants: [String: String]?

    enum CodingKeys: String, CodingKey {
        case name, description, extends, delimiter, encoding, columns, constants
        case decimalSeparator = "decimal_separator"
        case thousandsSeparator = "thousands_separator"
        case dateFormat = "date_format"
        case amountSign = "amount_sign"
        case fiscalYearStartMonth = "fiscal_year_start_month"
        case extraFields = "extra_fields"
    }

    /// Creates a profile.
    public init(
        name: String,
        description: String? = nil,
        extends: String? = nil,
        delimiter: String? = nil,
        encoding: String? = nil,
        decimalSeparator: String? = nil,
        thousandsSeparator: String? = nil,
        dateFormat: String? = nil,
        amountSign: AmountSign? = nil,
        fiscalYearStartMonth: Int? = nil,
        extraFields: ExtraFields? = nil,
        columns: [String: [String]]? = nil,
        constants: [String: String]? = nil
    ) {
        self.name = name
        self.description = description
        self.extends = extends
        self.delimiter = delimiter
        self.encoding = encoding
        self.decimalSeparator = decimalSeparator
        self.thousandsSeparator = thousandsSeparator
        self.dateFormat = dateFormat
        self.amountSign = amountSign
        self.fiscalYearStartMonth = fiscalYearStartMonth
        self.extraFields = extraFields
        self.columns = columns
        self.constants = constants
    }

    /// Decodes a profile; a column may be given as one name or a list of names.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        extends = try container.decodeIfPresent(String.self, forKey: .extends)
        delimiter = try container.decodeIfPresent(String.self, forKey: .delimiter)
        encoding = try container.decodeIfPresent(String.self, forKey: .encoding)
        decimalSeparator = try container.decodeIfPresent(String.self, forKey: .decimalSeparator)
        thousandsSeparator = try container.decodeIfPresent(String.self, forKey: .thousandsSeparator)
        dateFormat = try container.decodeIfPresent(String.self, forKey: .dateFormat)
        amountSign = try container.decodeIfPresent(AmountSign.self, forKey: .amountSign)
        fiscalYearStartMonth = try container.decodeIfPresent(Int.self, forKey: .fiscalYearStartMonth)
        extraFields = try container.decodeIfPresent(ExtraFields.self, forKey: .extraFields)
        constants = try container.decodeIfPresent([String: String].self, forKey: .constants)
        if let raw = try container.decodeIfPresent([String: OneOrMany].self, forKey: .columns) {
            columns = raw.mapValues(\.names)
        }
    }

    private struct OneOrMany: Decodable {
        var names: [String]
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let one = try? container.decode(String.self) {
                names = [one]
            } else {
                names = try container.decode([String].self)
            }
        }
    }

    /// This profile with the settings of `base` filled in where this one is silent.
    func merged(over base: MappingProfile) -> MappingProfile {
        var result = self
        result.delimiter = delimiter ?? base.delimiter
        result.encoding = encoding ?? base.encoding
        result.decimalSeparator = decimalSeparator ?? base.decimalSeparator
        result.thousandsSeparator = thousandsSeparator ?? base.thousandsSeparator
        result.dateFormat = dateFormat ?? base.dateFormat
        result.amountSign = amountSign ?? base.amountSign
        result.fiscalYearStartMonth = fiscalYearStartMonth ?? base.fiscalYearStartMonth
        result.extraFields = extraFields ?? base.extraFields
        result.columns = (base.columns ?? [:]).merging(columns ?? [:]) { _, mine in mine }
        result.constants = (base.constants ?? [:]).merging(constants ?? [:]) { _, mine in mine }
        result.extends = nil
        return result
    }
}

/// A mapping profile that cannot be used, with the file and the reason.
public struct MappingError: Error, Sendable, CustomStringConvertible {
    /// The profile's file or name.
    public var source: String
    /// What is wrong.
    public var reason: String

    /// Creates the error.
    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }

    /// `mapping config/mappings/x.yaml: reason`.
    public var description: String { "mapping \(source): \(reason)" }
}

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

    /// Loads a profile: a built-in name, a YAML file path, or `NAME` found as `NAME.yaml` in `directory`.
    public static func load(nameOrPath: String, directory: String) throws -> MappingProfile {
        if let builtIn = builtIn[nameOrPath] { return builtIn }
        var path = nameOrPath
        if !FileManager.default.fileExists(atPath: path) {
            path = (directory as NSString).appendingPathComponent(nameOrPath + ".yaml")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw MappingError(
                source: nameOrPath,
                reason:
                    "no built-in profile of that name (\(builtIn.keys.sorted().joined(separator: ", "))) and no file \(path)"
            )
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw MappingError(source: path, reason: "cannot read: \(error.localizedDescription)")
        }
        return try parse(yaml: text, source: path)
    }

    /// Parses and checks a YAML profile, resolving `extends`.
    public static func parse(yaml: String, source: String) throws -> MappingProfile {
        var profile: MappingProfile
        do {
            profile = try YAMLDecoder().decode(MappingProfile.self, from: yaml)
        } catch let error as DecodingError {
            throw MappingError(source: source, reason: describe(error))
        } catch {
            throw MappingError(source: source, reason: "not valid YAML: \(error)")
        }
        if let base = profile.extends {
            guard let baseProfile = builtIn[base] else {
                throw MappingError(source: source, reason: "extends '\(base)', which is not a built-in profile")
            }
            profile = profile.merged(over: baseProfile)
        }
        _ = try ResolvedSettings(profile: profile, source: source)
        return profile
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, _): return "missing key '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
