public import Shared

/// A span of posting periods a question asks about: one period (`2024-03`, `March 2024`), a quarter
/// (`Q1 2024`, `kuartal 1 2024`: periods 1–3) or a fiscal year (`2024`, `FY2024`: periods 1–16).
public struct PeriodScope: Sendable, Hashable, CustomStringConvertible {
    /// What kind of span it is.
    public enum Kind: Sendable, Hashable {
        /// One posting period.
        case period
        /// Three posting periods.
        case quarter
        /// A whole fiscal year.
        case year
    }

    /// The fiscal year.
    public var year: Int
    /// The first posting period.
    public var first: Int
    /// The last posting period.
    public var last: Int
    /// What kind of span it is.
    public var kind: Kind

    /// One period.
    public init(_ period: FiscalPeriod) {
        year = period.year
        first = period.period
        last = period.period
        kind = .period
    }

    /// Quarter `quarter` (1–4) of `year`.
    public init(year: Int, quarter: Int) {
        self.year = year
        first = 3 * (quarter - 1) + 1
        last = 3 * quarter
        kind = .quarter
    }

    /// The fiscal year `year`.
    public init(year: Int) {
        self.year = year
        first = 1
        last = 16
        kind = .year
    }

    /// `2024-03`, `2024-Q1`, `FY2024`.
    public var description: String {
        switch kind {
        case .period: FiscalPeriod(year: year, period: first).description
        case .quarter: "\(year)-Q\(last / 3)"
        case .year: "FY\(year)"
        }
    }

    /// Whether `period` lies in the span.
    func contains(_ period: FiscalPeriod) -> Bool {
        period.year == year && (first...last).contains(period.period)
    }

    /// The span just before this one: the previous period, quarter or fiscal year.
    var previous: PeriodScope {
        switch kind {
        case .period: PeriodScope(FiscalPeriod(year: year, period: first).previous)
        case .quarter:
            last == 3 ? PeriodScope(year: year - 1, quarter: 4) : PeriodScope(year: year, quarter: last / 3 - 1)
        case .year: PeriodScope(year: year - 1)
        }
    }
}
