extension Dictionary32 {
    /// Per code: whether the value is absent (code 0) or blank (empty, or whitespace only as
    /// `Character.isWhitespace` counts it).
    var blankFlags: [Bool] {
        [true] + (1..<Int32(count)).map { code in withUTF8(of: code, Self.isBlank) }
    }

    /// Whether the value whose UTF-8 bytes are `bytes` is empty or whitespace only. A value whose first byte is
    /// printable ASCII other than the space is answered without making a `String` or walking its characters (that
    /// byte starts a character that is not whitespace): most references, and a walk over a million of them took a
    /// noticeable share of the duplicate test.
    static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if let first = bytes.first, first > UInt8(ascii: " "), first < 0x7F { return false }
        return String(decoding: bytes, as: UTF8.self).allSatisfy(\.isWhitespace)
    }
}
