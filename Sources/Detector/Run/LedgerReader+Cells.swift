import NIOCore
import PostgresNIO

/// The cells of one row of ``LedgerReader/columnsByCurrency(on:periods:from:before:expectedLines:)``'s query, read
/// in order.
struct LineCells {
    private var cells: PostgresRow.Iterator
    private var column = 0

    init(_ row: PostgresRow) {
        cells = row.makeIterator()
    }

    /// The next cell decoded as `Value`.
    mutating func decode<Value: PostgresDecodable>(_: Value.Type) throws -> Value {
        try next().decode(Value.self)
    }

    /// The next cell's bytes; nil for NULL.
    mutating func bytes() throws -> ByteBuffer? {
        try next().bytes
    }

    private mutating func next() throws -> PostgresCell {
        column += 1
        guard let cell = cells.next() else { throw MissingCellError(column: column) }
        return cell
    }
}

/// The ledger lines query returned fewer cells in a row than the reader reads.
struct MissingCellError: Error, CustomStringConvertible {
    /// The 1-based column that was missing.
    let column: Int

    var description: String { "a ledger line from the database has no column \(column)" }
}
