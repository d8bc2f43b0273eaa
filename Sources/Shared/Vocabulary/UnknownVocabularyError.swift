/// A stored row holds a kind, severity or status this build does not know (a newer build wrote it, or the row was
/// edited by hand); the row is not used rather than misread.
public struct UnknownVocabularyError: Error, Sendable, CustomStringConvertible {
    /// The table read.
    public var table: String
    /// The row's id.
    public var id: Int64
    /// The values read.
    public var values: [String]

    /// Creates the error.
    public init(table: String, id: Int64, values: [String]) {
        self.table = table
        self.id = id
        self.values = values
    }

    /// E.g. `findings row 42 holds values this finrca does not know: mom_change, urgent`.
    public var description: String {
        "\(table) row \(id) holds values this finrca does not know: \(values.joined(separator: ", "))"
    }
}
