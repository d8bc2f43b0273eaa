/// A dense table of numeric features: one row per observation, one column per feature.
///
/// The values are stored row-major in one array, so a row's features are contiguous in memory.
public struct FeatureMatrix: Sendable, Equatable {
    /// The number of observations.
    public let rows: Int
    /// The number of features per observation.
    public let columns: Int
    /// All values, row after row: the value at (`row`, `column`) is `values[row * columns + column]`.
    /// Its count must stay `rows * columns`.
    public var values: [Double]

    /// Creates a matrix from row-major `values`; `values.count` must be `rows * columns`.
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(rows >= 0 && columns >= 0, "a matrix cannot have a negative size")
        precondition(values.count == rows * columns, "\(values.count) values do not fill \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// The value of feature `column` for observation `row`.
    public subscript(row: Int, column: Int) -> Double {
        precondition(
            (0..<rows).contains(row) && (0..<columns).contains(column),
            "(\(row), \(column)) is outside the matrix"
        )
        return values[row * columns + column]
    }
}
