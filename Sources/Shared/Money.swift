/// An exact amount of money in integer minor units (cents) of one currency with two decimals.
///
/// finrca never uses floating point for a figure shown to a person: sums are `Int64` minor units and the
/// text form is produced digit by digit.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The amount in minor units (hundredths of the currency unit); negative for credits.
    public var minorUnits: Int64

    /// Creates an amount from minor units.
    public init(minorUnits: Int64) {
        self.minorUnits = minorUnits
    }

    /// Zero.
    public static let zero = Money(minorUnits: 0)

    /// The plain decimal text with two decimals, a leading `-` when negative and no grouping,
    /// e.g. `-1234.50`; this is also PostgreSQL's `NUMERIC` text form.
    public var description: String {
        let negative = minorUnits < 0
        let magnitude = minorUnits.magnitude
        let units = magnitude / 100
        let cents = magnitude % 100
        return (negative ? "-" : "") + String(units) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// Parses the plain decimal form produced by ``description`` (also accepts 0 or 1 decimal digit and no
    /// decimals), as PostgreSQL prints `NUMERIC(15,2)` values and their sums. Returns nil for anything else,
    /// and for an amount beyond ±``Int64/max`` minor units.
    public init?(decimalText text: some StringProtocol) {
        var negative = false
        var units: Int64 = 0
        var cents: Int64 = 0
        var decimals = -1
        var digits = 0
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0:
                negative = true
            case UInt8(ascii: "."):
                guard decimals < 0 else { return nil }
                decimals = 0
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int64(byte - UInt8(ascii: "0"))
                if decimals < 0 {
                    digits += 1
                    guard digits <= 17, let shifted = Self.checked(units, times: 10, plus: digit) else { return nil }
                    units = shifted
                } else {
                    decimals += 1
                    guard decimals <= 2 else { return nil }
                    cents = cents * 10 + digit
                }
            default:
                return nil
            }
        }
        guard digits > 0 else { return nil }
        if decimals == 1 { cents *= 10 }
        guard let magnitude = Self.checked(units, times: 100, plus: cents) else { return nil }
        self.minorUnits = negative ? -magnitude : magnitude
    }

    /// `value × factor + addend`, or nil when that does not fit in `Int64`.
    private static func checked(_ value: Int64, times factor: Int64, plus addend: Int64) -> Int64? {
        let (product, productOverflow) = value.multipliedReportingOverflow(by: factor)
        let (sum, sumOverflow) = product.addingReportingOverflow(addend)
        return productOverflow || sumOverflow ? nil : sum
    }

    /// Orders amounts by value.
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minorUnits < rhs.minorUnits }

    /// Adds two amounts; traps on overflow, which needs more than 92 quadrillion currency units.
    public static func + (lhs: Money, rhs: Money) -> Money { Money(minorUnits: lhs.minorUnits + rhs.minorUnits) }

    /// Subtracts two amounts.
    public static func - (lhs: Money, rhs: Money) -> Money { Money(minorUnits: lhs.minorUnits - rhs.minorUnits) }

    /// Adds `rhs` to `lhs`.
    public static func += (lhs: inout Money, rhs: Money) { lhs.minorUnits += rhs.minorUnits }

    /// Encodes as the exact decimal string, so JSON consumers never see a binary float.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes the exact decimal string written by ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Money(decimalText: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a decimal amount: \(text)")
        }
        self = value
    }
}
