/// The address and Message-ID syntax finrca accepts: a deliberately small, safe subset of RFC 5321/5322.
enum EmailSyntax {
    /// Whether `value` is `local@domain` in printable ASCII with no characters that would need quoting or
    /// could break a header or an SMTP command (space, `<>()[],;:\"`, controls), at most 254 characters.
    static func isAddress(_ value: String) -> Bool {
        guard value.utf8.count <= 254, let at = value.utf8.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = value.utf8[..<at]
        let domain = value.utf8[value.utf8.index(after: at)...]
        guard !local.isEmpty, local.count <= 64, !domain.isEmpty else { return false }
        return local.allSatisfy(isAtomByte) && domain.allSatisfy(isDomainByte)
            && domain.first != UInt8(ascii: ".") && domain.last != UInt8(ascii: ".")
    }

    /// Whether `value` is `left@right` in printable ASCII without spaces or angle brackets, at most 250 characters.
    static func isMessageID(_ value: String) -> Bool {
        guard value.utf8.count <= 250, let at = value.utf8.firstIndex(of: UInt8(ascii: "@")) else { return false }
        guard at != value.utf8.startIndex, value.utf8.index(after: at) != value.utf8.endIndex else { return false }
        return value.utf8.allSatisfy { (33...126).contains($0) && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
            && value.utf8.filter { $0 == UInt8(ascii: "@") }.count == 1
    }

    /// RFC 5322 `atext` plus `.`.
    private static func isAtomByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-/=?^_`{|}~.".utf8.contains(byte)
        }
    }

    /// Letters, digits, `-` and `.` (IDNs must be given in their `xn--` form).
    private static func isDomainByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default:
            false
        }
    }
}
