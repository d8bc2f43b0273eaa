extension JSONValue {
    /// The deepest nesting of arrays and objects ``init(parsing:)`` accepts; deeper input is rejected rather than
    /// risking the stack on hostile text.
    public static let maximumNestingDepth = 512

    /// Parses JSON text strictly by RFC 8259, keeping numbers exact and object keys in order.
    ///
    /// - An integer (no fraction, no exponent) that fits `Int64` becomes ``int(_:)``; `-0` and every other number
    ///   become ``decimalText(_:)`` holding the number exactly as written (`0.1`, `1e400`, `-0.00`). No number
    ///   passes through `Double`.
    /// - Objects keep their pairs in the order written, duplicates included (``subscript(_:)`` finds the first).
    /// - Any value may stand at the top level; whitespace is space, tab, line feed and carriage return only.
    /// - `\u` escapes must pair surrogates; a lone surrogate is an error because a Swift `String` cannot hold it.
    ///
    /// - Parameter text: The JSON text.
    /// - Throws: ``JSONParsingError`` with the byte offset of the first problem.
    public init(parsing text: some StringProtocol) throws(JSONParsingError) {
        var parser = JSONParser(bytes: Array(text.utf8), maximumDepth: Self.maximumNestingDepth)
        self = try parser.parseDocument()
    }
}
