/// What ``CSVRecordReader/next()`` found.
enum CSVRecordOutcome: Equatable {
    /// A record; its fields are in ``CSVRecordReader/fieldCount`` / ``CSVRecordReader/field(_:)``.
    case record
    /// A line with no bytes at all; it carries no data.
    case blank
    /// A record that is not valid CSV; ``CSVRecordReader/rawRecord`` holds its bytes and the reason says why.
    case malformed(String)
    /// The input is exhausted.
    case end
}
