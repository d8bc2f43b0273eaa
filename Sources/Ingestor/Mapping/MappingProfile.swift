import Foundation
import Shared

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
    /// For files whose rows carry no fiscal year and period (public-sector extracts name the period only in the
    /// file name): a regular expression with the named groups `year` and `period`, matched against the file's
    /// name, e.g. `(?<year>\d{4})[-_ ]?P?(?<period>\d{1,2})`. Rows need no date then.
    public var periodFromFileName: String?

    enum CodingKeys: String, CodingKey {
        case name, description, extends, delimiter, encoding, columns, constants
        case decimalSeparator = "decimal_separator"
        case thousandsSeparator = "thousands_separator"
        case dateFormat = "date_format"
        case amountSign = "amount_sign"
        case fiscalYearStartMonth = "fiscal_year_start_month"
        case extraFields = "extra_fields"
        case periodFromFileName = "period_from_file_name"
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
        constants: [String: String]? = nil,
        periodFromFileName: String? = nil
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
        self.periodFromFileName = periodFromFileName
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
        periodFromFileName = try container.decodeIfPresent(String.self, forKey: .periodFromFileName)
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
        result.periodFromFileName = periodFromFileName ?? base.periodFromFileName
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
