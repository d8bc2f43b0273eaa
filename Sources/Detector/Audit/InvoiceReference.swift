/// Invoice references compared the way duplicate-payment tools compare them: the same invoice keyed twice often
/// differs only in punctuation, a prefix or leading zeros (`INV-001234`, `INV1234`, `1234`).
///
/// - ``normalised(_:)``: upper case, letters and digits only, leading prefixes such as `INV`, `NO` or `REF`
///   removed when a digit follows them, then leading zeros removed.
/// - ``stem(_:)``: the normalised reference of an invoice part: a trailing part number after a separator
///   (`-1`, `/2`, `_3`, `.1`, ` 2`: one or two digits) or one trailing letter after a digit (`1001A`) removed first.
/// - ``runKey(_:)``: the letters before the trailing number and the number, for telling whether references are
///   consecutive (a payment run keyed in one sitting).
///
/// The forms are computed on the UTF-8 bytes; ``normalise(_:into:)`` and ``stem(_:into:)`` write them into a
/// buffer the caller reuses, so a test over a million references allocates nothing per reference.
enum InvoiceReference {
    /// Prefixes that carry no identity, longest first; removed only when what follows them starts with a digit.
    static let prefixes = ["INVOICE", "BILL", "INV", "DOC", "REF", "NO", "NR", "IN"]

    /// References shorter than this once normalised are too short to match on (`1`, `07`).
    static let minimumLength = 3

    /// The normalised reference, or nil when it is blank or shorter than ``minimumLength``.
    static func normalised(_ reference: String) -> String? {
        var form: [UInt8] = []
        return normalise(reference, into: &form) ? String(decoding: form, as: UTF8.self) : nil
    }

    /// The normalised reference with a trailing part number or part letter removed, or nil as for
    /// ``normalised(_:)``. A reference without such a suffix has its normalised form as stem.
    static func stem(_ reference: String) -> String? {
        var form: [UInt8] = []
        return stem(reference, into: &form) ? String(decoding: form, as: UTF8.self) : nil
    }

    /// Replaces the contents of `form` with the UTF-8 bytes of ``normalised(_:)``; false (and `form`
    /// unspecified) when that is nil.
    static func normalise(_ reference: String, into form: inout [UInt8]) -> Bool {
        withUTF8(reference) { normalise($0[...], into: &form) }
    }

    /// Replaces the contents of `form` with the UTF-8 bytes of ``stem(_:)``; false (and `form` unspecified) when
    /// that is nil.
    static func stem(_ reference: String, into form: inout [UInt8]) -> Bool {
        withUTF8(reference) { bytes in normalise(bytes[..<partSuffixStart(bytes)], into: &form) }
    }

    /// The letters before the trailing digits of the canonical form and those digits as a number, e.g.
    /// `INV-001234` → (`""`, 1234), `AB-77` → (`AB`, 77); nil without trailing digits or when the number does
    /// not fit 18 digits.
    static func runKey(_ reference: String) -> (prefix: String, number: Int64)? {
        var canonical: [UInt8] = []
        withUTF8(reference) { appendUpperAlphanumerics($0[...], to: &canonical) }
        var start = canonical.count
        while start > 0, isDigit(canonical[start - 1]) { start -= 1 }
        let digits = canonical[start...].drop { $0 == zero }
        guard start < canonical.count, digits.count <= 18 else { return nil }
        let number = digits.reduce(Int64(0)) { $0 * 10 + Int64($1 - zero) }
        // The letters as a reference whose number starts right after them: its prefixes are stripped exactly when
        // all of them are prefixes.
        var letters = Array(canonical[..<start])
        letters.append(zero)
        return (String(decoding: letters[prefixEnd(letters)..<(letters.count - 1)], as: UTF8.self), number)
    }

    private static let zero = UInt8(ascii: "0")
    private static let space = UInt8(ascii: " ")
    private static let prefixBytes = prefixes.map { Array($0.utf8) }
    private static let partSeparators = Array("-/_. ".utf8)

    private static func withUTF8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        text.utf8.withContiguousStorageIfAvailable(body) ?? Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Replaces `form` with the normalised form of `bytes`; false when it is shorter than ``minimumLength``.
    private static func normalise(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, into form: inout [UInt8]) -> Bool {
        form.removeAll(keepingCapacity: true)
        appendUpperAlphanumerics(bytes, to: &form)
        var start = prefixEnd(form)
        while start < form.count, form[start] == zero { start += 1 }
        guard form.count - start >= minimumLength else { return false }
        form.removeFirst(start)
        return true
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    /// Appends the ASCII letters (upper-cased) and digits of `bytes` to `result`, in order.
    private static func appendUpperAlphanumerics(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, to result: inout [UInt8]) {
        for byte in bytes {
            if isDigit(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) {
                result.append(byte)
            } else if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) {
                result.append(byte - 32)
            }
        }
    }

    /// Where `text` continues after its leading prefixes (removed while the rest starts with one and is longer),
    /// or 0 when that rest does not start with a digit: the prefixes are kept unless a digit follows them.
    private static func prefixEnd(_ text: [UInt8]) -> Int {
        var start = 0
        while let prefix = prefixBytes.first(where: {
            text.count - start > $0.count && text[start...].starts(with: $0)
        }) {
            start += prefix.count
        }
        return start < text.count && isDigit(text[start]) ? start : 0
    }

    /// Where a trailing part number (separator and one or two digits, after trailing spaces) or part letter (one
    /// letter after a digit) starts; the whole length when there is none.
    private static func partSuffixStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var end = bytes.count
        while end > 0, bytes[end - 1] == space { end -= 1 }
        var digitStart = end
        while digitStart > 0, isDigit(bytes[digitStart - 1]) { digitStart -= 1 }
        if (1...2).contains(end - digitStart), digitStart >= 2, partSeparators.contains(bytes[digitStart - 1]) {
            return digitStart - 1
        }
        if end >= 2, isLetter(bytes[end - 1]), isDigit(bytes[end - 2]) {
            return end - 1
        }
        return bytes.count
    }
}
