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

/// Where one field of the current record lies: in the reader's window, or (when it had doubled quotes to collapse)
/// in its scratch buffer.
struct CSVFieldSpan {
    var start: Int
    var end: Int
    var inScratch: Bool
}

/// The reader reached a state its parser should never produce (a finrca defect): reported as an error for the
/// file, with the line, instead of stopping the process.
struct CSVReaderFault: Error, Equatable {
    /// The physical line the reader was on.
    var line: Int
    /// What went wrong.
    var reason: String
}
