/// A decimal number held exactly: `±digits × 10^exponent`, with arbitrary precision and no binary floating point.
///
/// Normalised: no leading or trailing zero digits, so equal numbers are equal values (`1.50` == `1.5`); zero has
/// no digits, exponent 0 and no sign.
struct ExactDecimal: Hashable, Sendable {
    /// Whether the number is below zero.
    private(set) var negative: Bool
    /// Decimal digits (0–9), most significant first.
    private(set) var digits: [UInt8]
    /// The power of ten of the last digit.
    private(set) var exponent: Int

    /// Exponents beyond ±this are refused when parsing, which bounds the work of printing a number.
    static let exponentLimit = 4096

    /// Creates and normalises a number.
    init(negative: Bool, digits: some Collection<UInt8>, exponent: Int) {
        var trimmed = Array(digits.drop { $0 == 0 })
        var exponent = exponent
        while trimmed.last == 0 {
            trimmed.removeLast()
            exponent += 1
        }
        self.digits = trimmed
        self.exponent = trimmed.isEmpty ? 0 : exponent
        self.negative = trimmed.isEmpty ? false : negative
    }

    /// Parses JSON number syntax.
    ///
    /// Accepts `-12.50`, `1e400`, `-0.00`, `3.2E-5`; returns nil for anything else (`.5`, `1.`, `1e`) or for an
    /// exponent beyond ``exponentLimit``.
    init?(jsonNumber text: some StringProtocol) {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var integerDigits = 0
        var fractionDigits = 0
        var inFraction = false
        while let byte = bytes.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: "."), !inFraction {
                inFraction = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits.append(byte - UInt8(ascii: "0"))
                if inFraction { fractionDigits += 1 } else { integerDigits += 1 }
            } else {
                return nil
            }
        }
        guard integerDigits > 0, !inFraction || fractionDigits > 0 else { return nil }
        var exponent = 0
        if !bytes.isEmpty {
            bytes = bytes.dropFirst()
            var exponentNegative = false
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                exponentNegative = sign == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty, bytes.count <= 6 else { return nil }
            for byte in bytes {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
            }
            if exponentNegative { exponent = -exponent }
        }
        exponent -= fractionDigits
        guard abs(exponent) <= Self.exponentLimit else { return nil }
        self.init(negative: negative, digits: digits, exponent: exponent)
    }

    /// The absolute value.
    var magnitude: ExactDecimal { ExactDecimal(negative: false, digits: digits, exponent: exponent) }

    /// The number times `10^places`.
    func shifted(by places: Int) -> ExactDecimal {
        ExactDecimal(negative: negative, digits: digits, exponent: exponent + places)
    }

    /// The nearest multiples of `10^unitExponent`: one number, or at an exact tie (…5 followed by nothing) both
    /// neighbours, the one nearer zero first.
    func roundings(toExponent unitExponent: Int) -> [ExactDecimal] {
        guard exponent < unitExponent else { return [self] }
        let dropped = unitExponent - exponent
        guard dropped <= digits.count else { return [ExactDecimal(negative: false, digits: [], exponent: 0)] }
        let kept = digits.prefix(digits.count - dropped)
        let down = ExactDecimal(negative: negative, digits: kept, exponent: unitExponent)
        let up = ExactDecimal(negative: negative, digits: Self.incremented(kept), exponent: unitExponent)
        let firstDropped = digits[digits.count - dropped]
        // Normalised digits end in a non-zero digit, so anything after the first dropped digit is non-zero.
        let restNonZero = dropped > 1
        if firstDropped > 5 || (firstDropped == 5 && restNonZero) { return [up] }
        return firstDropped == 5 ? [down, up] : [down]
    }

    /// Rounded to a multiple of `10^unitExponent`, half away from zero.
    func rounded(toExponent unitExponent: Int) -> ExactDecimal {
        roundings(toExponent: unitExponent).last!
    }

    /// Plain decimal text with exactly `decimals` fraction digits, rounded half away from zero: `-12.30`.
    func plainText(decimals: Int) -> String {
        let value = rounded(toExponent: -decimals)
        var scaled = value.digits.map { Character(String($0)) }
        scaled += repeatElement("0", count: max(0, value.exponent + decimals))
        if scaled.count <= decimals { scaled = Array(repeating: "0", count: decimals + 1 - scaled.count) + scaled }
        let integerPart = String(scaled.prefix(scaled.count - decimals))
        let fractionPart = String(scaled.suffix(decimals))
        return (value.negative ? "-" : "") + integerPart + (decimals > 0 ? "." + fractionPart : "")
    }

    private static func incremented(_ digits: some Collection<UInt8>) -> [UInt8] {
        var result = Array(digits)
        var index = result.count - 1
        while index >= 0 {
            if result[index] < 9 {
                result[index] += 1
                return result
            }
            result[index] = 0
            index -= 1
        }
        return [1] + result
    }
}
