/// Invoice references compared the way duplicate-payment tools compare them: the same invoice keyed twice often
/// differs only in punctuation, a prefix or leading zeros (`INV-001234`, `INV1234`, `1234`).
///
/// - ``normalised(_:)``: upper case, letters and digits only, leading prefixes such as `INV`, `NO` or `REF`
///   removed when a digit follows them, then leading zeros removed.
/// - ``stem(_:)``: the normalised reference of an invoice part: a trailing part number after a separator
///   (`-1`, `/2`, `_3`, `.1`, ` 2`: one or two digits) or one trailing letter after a digit (`1001A`) removed first.
/// - ``runKey(_:)``: the letters before the trailing number and the number, for telling whether references are
///   consecutive (a payment run keyed in one sitting).
enum InvoiceReference {
    /// Prefixes that carry no identity, longest first; removed only when what follows them starts with a digit.
    static let prefixes = ["INVOICE", "BILL", "INV", "DOC", "REF", "NO", "NR", "IN"]

    /// References shorter than this once normalised are too short to match on (`1`, `07`).
    static let minimumLength = 3

    /// The normalised reference, or nil when it is blank or shorter than ``minimumLength``.
    static func normalised(_ reference: String) -> String? {
        let canonical = strippingPrefixes(upperAlphanumerics(reference.utf8)).drop { $0 == zero }
        return canonical.count >= minimumLength ? String(decoding: canonical, as: UTF8.self) : nil
    }

    /// The normalised reference with a trailing part number or part letter removed, or nil as for
    /// ``normalised(_:)``. A reference without such a suffix has its normalised form as stem.
    static func stem(_ reference: String) -> String? {
        normalised(withoutPartSuffix(reference))
    }

    /// The letters before the trailing digits of the canonical form and those digits as a number, e.g.
    /// `INV-001234` → (`""`, 1234), `AB-77` → (`AB`, 77); nil without trailing digits or when the number does
    /// not fit 18 digits.
    static func runKey(_ reference: String) -> (prefix: String, number: Int64)? {
        let canonical = upperAlphanumerics(reference.utf8)
        var start = canonical.count
        while start > 0, isDigit(canonical[start - 1]) { start -= 1 }
        let digits = canonical[start...].drop { $0 == zero }
        guard start < canonical.count, digits.count <= 18 else { return nil }
        let number = digits.reduce(Int64(0)) { $0 * 10 + Int64($1 - zero) }
        let prefix = strippingPrefixes(Array(canonical[..<start]) + [zero]).dropLast()
        return (String(decoding: prefix, as: UTF8.self), number)
    }

    private static let zero = UInt8(ascii: "0")
    private static let prefixBytes = prefixes.map { Array($0.utf8) }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// The ASCII letters (upper-cased) and digits of `text`, in order.
    private static func upperAlphanumerics(_ text: String.UTF8View) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        for byte in text {
            if isDigit(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) {
                result.append(byte)
            } else if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) {
                result.append(byte - 32)
            }
        }
        return result
    }

    /// Removes leading prefixes while the rest starts with one; keeps them all unless a digit follows them.
    private static func strippingPrefixes(_ text: [UInt8]) -> ArraySlice<UInt8> {
        var rest = text[...]
        while let prefix = prefixBytes.first(where: { rest.count > $0.count && rest.starts(with: $0) }) {
            rest = rest.dropFirst(prefix.count)
        }
        return rest.first.map(isDigit) == true ? rest : text[...]
    }

    /// `reference` without a trailing part number (separator and one or two digits) or part letter (one letter
    /// after a digit).
    private static func withoutPartSuffix(_ reference: String) -> String {
        let bytes = Array(reference.utf8.reversed().drop { $0 == UInt8(ascii: " ") }.reversed())
        var digitStart = bytes.count
        while digitStart > 0, isDigit(bytes[digitStart - 1]) { digitStart -= 1 }
        if (1...2).contains(bytes.count - digitStart), digitStart >= 2,
            Array("-/_. ".utf8).contains(bytes[digitStart - 1])
        {
            return String(decoding: bytes[..<(digitStart - 1)], as: UTF8.self)
        }
        if bytes.count >= 2, isLetter(bytes[bytes.count - 1]), isDigit(bytes[bytes.count - 2]) {
            return String(decoding: bytes.dropLast(), as: UTF8.self)
        }
        return reference
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }
}
