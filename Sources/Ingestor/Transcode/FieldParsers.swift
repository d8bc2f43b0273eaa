/// Why one field's value was refused, in words a finance user can act on.
struct FieldError: Error, Equatable {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// How amounts are written in an extract.
struct NumberFormat: Sendable, Equatable {
    /// `.` or `,`.
    var decimalSeparator: UInt8
    /// Digit-group separator (`,` `.` space `'`), or nil when amounts carry none.
    var thousandsSeparator: UInt8?

    /// `1,234.56`.
    static let point = NumberFormat(decimalSeparator: UInt8(ascii: "."), thousandsSeparator: UInt8(ascii: ","))
    /// `1.234,56`.
    static let comma = NumberFormat(decimalSeparator: UInt8(ascii: ","), thousandsSeparator: UInt8(ascii: "."))
}

/// How dates are written in an extract.
enum DateFormat: String, Sendable, CaseIterable {
    case isoDate = "YYYY-MM-DD"
    case dayMonthYearDots = "DD.MM.YYYY"
    case dayMonthYearSlashes = "DD/MM/YYYY"
    case monthDayYearSlashes = "MM/DD/YYYY"
    case compact = "YYYYMMDD"
}

/// A calendar date.
struct CivilDate: Equatable, Sendable {
    var year: Int
    var month: Int
    var day: Int

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 4, 6, 9, 11: return 30
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        default: return 31
        }
    }
}

/// Parsers from raw field bytes to typed values. Pure functions; no allocation on success.
enum FieldParsers {
    /// The bytes without leading and trailing spaces and tabs.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lower = 0
        var upper = bytes.count
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[lower..<upper])
    }

    /// Largest magnitude `NUMERIC(15,2)` holds, in minor units: 9,999,999,999,999.99.
    static let maximumMinorUnits: Int64 = 999_999_999_999_999

    /// Parses an amount into signed minor units.
    ///
    /// Accepts an optional `+`/`-` sign, parentheses or a trailing minus for negatives, one currency symbol
    /// (`$`, `£`, `€`) before the digits, digit groups separated by the format's thousands separator (groups
    /// of exactly three digits), and up to two decimals (more only when the extra digits are zeros).
    static func amount(_ raw: UnsafeBufferPointer<UInt8>, format: NumberFormat) throws(FieldError) -> Int64 {
        do {
            return try plainAmount(raw, format: format)
        } catch {
            // Spreadsheet exports write tiny or huge values as 1.5E+05 or -3.46945E-18; say so plainly.
            if raw.contains(UInt8(ascii: "E")) || raw.contains(UInt8(ascii: "e")),
                raw.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
            {
                throw FieldError("amount is in scientific notation; export it as a plain number")
            }
            throw error
        }
    }

    private static func plainAmount(_ raw: UnsafeBufferPointer<UInt8>, format: NumberFormat) throws(FieldError) -> Int64
    {
        var bytes = trimmed(raw)
        guard !bytes.isEmpty else { throw FieldError("amount is empty") }
        var negative = false
        if bytes.first == UInt8(ascii: "("), bytes.last == UInt8(ascii: ")") {
            negative = true
            bytes = trimmed(UnsafeBufferPointer(rebasing: bytes[1..<(bytes.count - 1)]))
        } else if bytes.last == UInt8(ascii: "-") {
            negative = true
            bytes = trimmed(UnsafeBufferPointer(rebasing: bytes[0..<(bytes.count - 1)]))
        }
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            if bytes[index] == UInt8(ascii: "-") {
                if negative { throw FieldError("amount has two minus signs") }
                negative = true
            }
            index += 1
        }
        index = skipCurrencySymbol(bytes, at: index)
        var units: Int64 = 0
        var integerDigits = 0
        var groupDigits = 0
        var sawGroupSeparator = false
        var cents: Int64 = 0
        var decimals = 0
        var inDecimals = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x30, byte <= 0x39 {
                let digit = Int64(byte &- 0x30)
                if inDecimals {
                    decimals += 1
                    if decimals <= 2 {
                        cents = cents * 10 + digit
                    } else if digit != 0 {
                        throw FieldError("amount has more than 2 decimal places")
                    }
                } else {
                    integerDigits += 1
                    groupDigits += 1
                    if integerDigits > 13 { throw FieldError("amount is too large for NUMERIC(15,2)") }
                    units = units * 10 + digit
                }
            } else if byte == format.decimalSeparator, !inDecimals {
                if sawGroupSeparator, groupDigits != 3 { throw FieldError("amount has misplaced digit grouping") }
                inDecimals = true
            } else if let separator = format.thousandsSeparator, byte == separator, !inDecimals {
                if integerDigits == 0 || (sawGroupSeparator ? groupDigits != 3 : groupDigits > 3) {
                    throw FieldError("amount has misplaced digit grouping")
                }
                sawGroupSeparator = true
                groupDigits = 0
            } else {
                throw FieldError("not an amount")
            }
            index += 1
        }
        if integerDigits == 0 && decimals == 0 { throw FieldError("amount has no digits") }
        if !inDecimals, sawGroupSeparator, groupDigits != 3 { throw FieldError("amount has misplaced digit grouping") }
        if decimals == 1 { cents *= 10 }
        let magnitude = units * 100 + cents
        return negative ? -magnitude : magnitude
    }

    private static func skipCurrencySymbol(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        guard index < bytes.count else { return index }
        var next = index
        if bytes[index] == UInt8(ascii: "$") {
            next = index + 1
        } else if index + 1 < bytes.count, bytes[index] == 0xC2, bytes[index + 1] == 0xA3 {  // £
            next = index + 2
        } else if index + 2 < bytes.count, bytes[index] == 0xE2, bytes[index + 1] == 0x82, bytes[index + 2] == 0xAC {
            // €
            next = index + 3
        }
        while next < bytes.count, bytes[next] == 0x20 { next += 1 }
        return next
    }

    /// Parses a whole number of at most `maxDigits` digits (surrounding spaces allowed).
    static func integer(_ raw: UnsafeBufferPointer<UInt8>, maxDigits: Int) throws(FieldError) -> Int {
        let bytes = trimmed(raw)
        guard !bytes.isEmpty else { throw FieldError("value is empty") }
        guard bytes.count <= maxDigits else { throw FieldError("not a whole number of at most \(maxDigits) digits") }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { throw FieldError("not a whole number") }
            value = value * 10 + Int(byte &- 0x30)
        }
        return value
    }

    /// Parses a date in `format`; day and month may have one or two digits in the separated formats.
    /// Returns nil for an empty field and for SAP's initial date `00000000`.
    static func date(_ raw: UnsafeBufferPointer<UInt8>, format: DateFormat) throws(FieldError) -> CivilDate? {
        let bytes = trimmed(raw)
        if bytes.isEmpty { return nil }
        var parts: (Int, Int, Int) = (0, 0, 0)
        switch format {
        case .compact:
            guard bytes.count == 8, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw FieldError("not a date in format YYYYMMDD")
            }
            let digits = bytes.map { Int($0 - 0x30) }
            parts = (
                digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3], digits[4] * 10 + digits[5],
                digits[6] * 10 + digits[7]
            )
            if parts == (0, 0, 0) { return nil }
        case .isoDate, .dayMonthYearDots, .dayMonthYearSlashes, .monthDayYearSlashes:
            let separator: UInt8 =
                format == .isoDate
                ? UInt8(ascii: "-") : format == .dayMonthYearDots ? UInt8(ascii: ".") : UInt8(ascii: "/")
            var numbers = [0, 0, 0]
            var digitCounts = [0, 0, 0]
            var part = 0
            for (offset, byte) in bytes.enumerated() {
                if byte == separator {
                    part += 1
                    guard part < 3 else { throw FieldError("not a date in format \(format.rawValue)") }
                } else if byte >= 0x30, byte <= 0x39 {
                    // at most 4 digits per part, so the number cannot overflow (a 20-digit day trapped before)
                    digitCounts[part] += 1
                    guard digitCounts[part] <= 4 else { throw FieldError("not a date in format \(format.rawValue)") }
                    numbers[part] = numbers[part] * 10 + Int(byte - 0x30)
                } else if format == .isoDate, part == 2, byte == UInt8(ascii: "T") || byte == 0x20, offset >= 8 {
                    break  // a timestamp: the time of day is ignored
                } else {
                    throw FieldError("not a date in format \(format.rawValue)")
                }
            }
            let yearIndex = format == .isoDate ? 0 : 2
            guard part == 2, digitCounts[yearIndex] == 4,
                digitCounts.enumerated().allSatisfy({ $0.offset == yearIndex || (1...2).contains($0.element) })
            else { throw FieldError("not a date in format \(format.rawValue)") }
            switch format {
            case .isoDate: parts = (numbers[0], numbers[1], numbers[2])
            case .dayMonthYearDots, .dayMonthYearSlashes: parts = (numbers[2], numbers[1], numbers[0])
            case .monthDayYearSlashes: parts = (numbers[2], numbers[0], numbers[1])
            case .compact: break
            }
        }
        let (year, month, day) = parts
        guard (1900...2999).contains(year), (1...12).contains(month),
            (1...CivilDate.daysInMonth(year: year, month: month)).contains(day)
        else { throw FieldError("not a valid calendar date") }
        return CivilDate(year: year, month: month, day: day)
    }
}
