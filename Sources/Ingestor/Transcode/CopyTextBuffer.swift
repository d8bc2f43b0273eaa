/// The character encoding an extract declares.
enum TextEncoding: String, Sendable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"

    /// `bytes` in this encoding as a string: for a value ``CopyTextBuffer/appendText(_:encoding:)`` accepted,
    /// exactly the text it wrote; otherwise (for display) invalid UTF-8 and bytes Windows-1252 does not define
    /// become U+FFFD.
    func string(from bytes: UnsafeBufferPointer<UInt8>) -> String {
        switch self {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .windows1252:
            var scalars = String.UnicodeScalarView()
            for byte in bytes {
                let value = CopyTextBuffer.windows1252Scalar(byte)
                scalars.append(Unicode.Scalar(value == 0 ? 0xFFFD : value) ?? "\u{FFFD}")
            }
            return String(scalars)
        }
    }
}

/// An append-only byte buffer that writes PostgreSQL COPY text format: tab between columns, `\n` after a row,
/// `\N` for NULL, and backslash, tab, newline and carriage return escaped inside values.
///
/// Text is validated (UTF-8) or transcoded (Windows-1252 → UTF-8) while it is copied, so nothing PostgreSQL
/// would refuse reaches it, and one bad row never fails a whole COPY.
struct CopyTextBuffer: ~Copyable {
    private(set) var pointer: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes written.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 4096)
        pointer = .allocate(capacity: self.capacity)
    }

    deinit {
        pointer.deallocate()
    }

    /// The bytes written so far.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: pointer, count: count) }

    /// Forgets everything after `count` bytes (used to drop a half-written rejected row); a larger `count`
    /// changes nothing.
    mutating func truncate(to count: Int) {
        self.count = max(0, min(count, self.count))
    }

    /// Forgets everything.
    mutating func removeAll() {
        count = 0
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity {
            var newCapacity = capacity * 2
            while count + extra > newCapacity { newCapacity *= 2 }
            let newPointer = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            newPointer.update(from: pointer, count: count)
            pointer.deallocate()
            pointer = newPointer
            capacity = newCapacity
        }
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        pointer[count] = byte
        count += 1
    }

    /// Appends bytes that need no escaping (digits, signs, ASCII constants).
    @inline(__always)
    mutating func appendRaw(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        if let base = bytes.baseAddress { (pointer + count).update(from: base, count: bytes.count) }
        count += bytes.count
    }

    /// Appends the column separator.
    @inline(__always)
    mutating func appendTab() { append(0x09) }

    /// Appends `\N`, COPY's NULL.
    @inline(__always)
    mutating func appendNull() {
        reserve(2)
        pointer[count] = 0x5C
        pointer[count + 1] = 0x4E
        count += 2
    }

    /// Appends `value` in decimal.
    mutating func appendInteger(_ value: Int) {
        var magnitude = value.magnitude
        if value < 0 { append(UInt8(ascii: "-")) }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var length = 0
        withUnsafeMutableBytes(of: &digits) { digits in
            repeat {
                digits[length] = UInt8(magnitude % 10) + 0x30
                magnitude /= 10
                length += 1
            } while magnitude > 0
        }
        reserve(length)
        withUnsafeBytes(of: &digits) { digits in
            for index in 0..<length { pointer[count + index] = digits[length - 1 - index] }
        }
        count += length
    }

    /// Appends minor units as a decimal with two places, e.g. `-1234.05`.
    mutating func appendMinorUnits(_ minorUnits: Int64) {
        if minorUnits < 0 { append(UInt8(ascii: "-")) }
        let magnitude = minorUnits.magnitude
        appendInteger(Int(magnitude / 100))
        let cents = Int(magnitude % 100)
        reserve(3)
        pointer[count] = UInt8(ascii: ".")
        pointer[count + 1] = UInt8(cents / 10) + 0x30
        pointer[count + 2] = UInt8(cents % 10) + 0x30
        count += 3
    }

    /// Appends a date as `YYYY-MM-DD`.
    mutating func appendDate(_ date: CivilDate) {
        reserve(10)
        let target = pointer + count
        target[0] = UInt8(date.year / 1000 % 10) + 0x30
        target[1] = UInt8(date.year / 100 % 10) + 0x30
        target[2] = UInt8(date.year / 10 % 10) + 0x30
        target[3] = UInt8(date.year % 10) + 0x30
        target[4] = UInt8(ascii: "-")
        target[5] = UInt8(date.month / 10) + 0x30
        target[6] = UInt8(date.month % 10) + 0x30
        target[7] = UInt8(ascii: "-")
        target[8] = UInt8(date.day / 10) + 0x30
        target[9] = UInt8(date.day % 10) + 0x30
        count += 10
    }

    /// Appends a text value with COPY escaping, validating UTF-8 or transcoding Windows-1252.
    ///
    /// - Throws: ``FieldError`` for invalid UTF-8, a NUL byte, or a byte Windows-1252 does not define. Bytes may
    ///   already have been appended; the caller truncates the row.
    @inline(__always)
    mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>, encoding: TextEncoding) throws(FieldError) {
        // Fast path: plain ASCII without characters that need escaping.
        var needsSlowPath = false
        for byte in bytes where byte >= 0x80 || byte == 0x5C || byte < 0x20 {
            needsSlowPath = true
            break
        }
        if !needsSlowPath {
            appendRaw(bytes)
            return
        }
        reserve(bytes.count * 3)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                switch byte {
                case 0x00: throw FieldError("contains a NUL byte")
                case 0x5C: appendTwo(0x5C, 0x5C)
                case 0x09: appendTwo(0x5C, UInt8(ascii: "t"))
                case 0x0A: appendTwo(0x5C, UInt8(ascii: "n"))
                case 0x0D: appendTwo(0x5C, UInt8(ascii: "r"))
                default:
                    pointer[count] = byte
                    count += 1
                }
                index += 1
                continue
            }
            switch encoding {
            case .utf8:
                let length = Self.validUTF8SequenceLength(bytes, at: index)
                guard length > 0 else {
                    throw FieldError("is not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)))")
                }
                for offset in 0..<length { pointer[count + offset] = bytes[index + offset] }
                count += length
                index += length
            case .windows1252:
                let scalar = Self.windows1252Scalar(byte)
                guard scalar != 0 else {
                    throw FieldError(
                        "byte 0x\(String(byte, radix: 16, uppercase: true)) is not defined in Windows-1252"
                    )
                }
                appendScalarUTF8(scalar)
                index += 1
            }
        }
    }

    @inline(__always)
    private mutating func appendTwo(_ first: UInt8, _ second: UInt8) {
        pointer[count] = first
        pointer[count + 1] = second
        count += 2
    }

    private mutating func appendScalarUTF8(_ scalar: UInt32) {
        if scalar < 0x800 {
            appendTwo(UInt8(0xC0 | (scalar >> 6)), UInt8(0x80 | (scalar & 0x3F)))
        } else {
            pointer[count] = UInt8(0xE0 | (scalar >> 12))
            pointer[count + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            pointer[count + 2] = UInt8(0x80 | (scalar & 0x3F))
            count += 3
        }
    }

    /// Length of the well-formed UTF-8 sequence starting at `index` (2 to 4), or 0 when it is ill-formed
    /// (stray continuation byte, overlong form, surrogate, beyond U+10FFFF, or truncated).
    static func validUTF8SequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let remaining = bytes.count - index
        func continuation(_ offset: Int) -> Bool { bytes[index + offset] & 0xC0 == 0x80 }
        switch lead {
        case 0xC2...0xDF:
            return remaining >= 2 && continuation(1) ? 2 : 0
        case 0xE0...0xEF:
            guard remaining >= 3, continuation(1), continuation(2) else { return 0 }
            let second = bytes[index + 1]
            if lead == 0xE0, second < 0xA0 { return 0 }  // overlong
            if lead == 0xED, second >= 0xA0 { return 0 }  // surrogate
            return 3
        case 0xF0...0xF4:
            guard remaining >= 4, continuation(1), continuation(2), continuation(3) else { return 0 }
            let second = bytes[index + 1]
            if lead == 0xF0, second < 0x90 { return 0 }  // overlong
            if lead == 0xF4, second >= 0x90 { return 0 }  // beyond U+10FFFF
            return 4
        default:
            return 0
        }
    }

    /// The Unicode scalar of a Windows-1252 byte ≥ 0x80, or 0 for the five undefined bytes.
    static func windows1252Scalar(_ byte: UInt8) -> UInt32 {
        guard byte >= 0x80, byte < 0xA0 else { return UInt32(byte) }
        return windows1252High[Int(byte - 0x80)]
    }

    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
        0x0178,
    ]
}
