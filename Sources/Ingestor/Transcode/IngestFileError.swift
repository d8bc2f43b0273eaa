/// A file that cannot be loaded at all, naming the file, the line, the column when one is concerned, and the
/// reason.
public struct IngestFileError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// The line concerned (1 for whole-file problems).
    public var line: Int
    /// The column concerned, as named in the file's header (nil for whole-line or whole-file problems).
    public var column: String?
    /// What is wrong.
    public var reason: String

    /// Creates the error.
    public init(file: String, line: Int, column: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `file.csv:1: reason`, or `file.csv:9225: column amount: reason`.
    public var description: String { "\(file):\(line): \(column.map { "column \($0): " } ?? "")\(reason)" }
}
