import Foundation

/// A fiscal period: year and posting period 1–16; `YYYY-PP` as text.
public struct FiscalPeriod: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Fiscal year.
    public var year: Int
    /// Posting period.
    public var period: Int

    /// Creates a period.
    public init(year: Int, period: Int) {
        self.year = year
        self.period = period
    }

    /// Parses `YYYY-PP`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let period = Int(parts[1]),
            (1...16).contains(period)
        else { return nil }
        self.init(year: year, period: period)
    }

    /// `2024-07`.
    public var description: String {
        "\(year)-\(period < 10 ? "0" : "")\(period)"
    }

    /// Orders by year, then period.
    public static func < (lhs: FiscalPeriod, rhs: FiscalPeriod) -> Bool {
        (lhs.year, lhs.period) < (rhs.year, rhs.period)
    }

    /// The previous regular period (period 1 → period 12 of the year before).
    public var previous: FiscalPeriod {
        period > 1 ? FiscalPeriod(year: year, period: min(period - 1, 12)) : FiscalPeriod(year: year - 1, period: 12)
    }

    /// The same period a year earlier.
    public var sameLastYear: FiscalPeriod { FiscalPeriod(year: year - 1, period: period) }

    /// Encodes as `YYYY-PP`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes `YYYY-PP`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let period = FiscalPeriod(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a period YYYY-PP: \(text)")
        }
        self = period
    }
}
