extension Dictionary32 {
    /// Per code: whether the value is absent (code 0) or blank (empty, or whitespace only as
    /// `Character.isWhitespace` counts it).
    var blankFlags: [Bool] {
        values.map(Self.isBlank)
    }

    /// Whether `value` is empty or whitespace only. A value whose first byte is printable ASCII other than the space
    /// is answered without walking its characters (that byte starts a character that is not whitespace): most
    /// references, and a walk over a million of them took a noticeable share of the duplicate test.
    static func isBlank(_ value: String) -> Bool {
        if let first = value.utf8.first, first > UInt8(ascii: " "), first < 0x7F { return false }
        return value.allSatisfy(\.isWhitespace)
    }
}
