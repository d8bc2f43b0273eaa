/// The dimensions of a ledger row that findings, breakdowns, bridges and filters are cut by.
///
/// The raw value is the name in JSON, URLs and dimension paths; ``column`` is the `finance_expense` column.
/// Both are a closed allow-list: SQL may name a column only through this type.
public enum LedgerDimension: String, CaseIterable, Sendable, Hashable, Codable {
    case directorate
    case costCenter = "cost_center"
    case glAccount = "gl_account"
    case supplier
    case functionalArea = "functional_area"

    /// The dimensions that trend slices are cut by: the per-batch slice totals hold spend and lines per member of
    /// each (the ingest counts them as it loads, the detector sums them).
    public static let slices: [LedgerDimension] = [.directorate, .costCenter, .glAccount, .functionalArea]

    /// The `finance_expense` column holding the dimension's value.
    public var column: String {
        switch self {
        case .directorate: "directorate"
        case .costCenter: "cost_center_id"
        case .glAccount: "general_ledger_account"
        case .supplier: "supplier"
        case .functionalArea: "functional_area"
        }
    }

    /// The column as a quoted SQL identifier, e.g. `"cost_center_id"`.
    public var quotedColumn: String {
        "\"\(column)\""
    }

    /// How a person calls it in a sentence: "cost centre", "GL account".
    public var label: String {
        switch self {
        case .directorate: "directorate"
        case .costCenter: "cost centre"
        case .glAccount: "GL account"
        case .supplier: "supplier"
        case .functionalArea: "functional area"
        }
    }

    /// How a line without a value (NULL or empty) is named wherever members are listed: bridges, breakdowns,
    /// filters.
    public static let noValue = "(none)"

    /// The raw values, comma-separated, for messages such as "dimension must be one of …".
    public static let choices = allCases.map(\.rawValue).joined(separator: ", ")
}

/// One value of one dimension, e.g. cost centre = 31090.
public struct DimensionValue: Sendable, Hashable, Codable {
    /// The dimension.
    public var dimension: LedgerDimension
    /// Its value.
    public var value: String

    /// Creates a value.
    public init(_ dimension: LedgerDimension, _ value: String) {
        self.dimension = dimension
        self.value = value
    }
}
