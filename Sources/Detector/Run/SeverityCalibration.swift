public import Shared

/// Severity from calibrated quantiles of the ``Attention`` score over the ledger's history.
///
/// A run analyses every period of the ledger, so its candidate findings (all of them, before any cap) are the
/// ledger's history. The thresholds are quantiles of their attention scores, at the levels that give each
/// severity a set number of findings per month of data: with `months` periods and rates c, h and m per month,
/// critical starts at the ⌈c · months⌉-th highest score, high at the ⌈(c + h) · months⌉-th and medium at the
/// ⌈(c + h + m) · months⌉-th (the lowest score when there are fewer candidates); everything below is low. A month
/// with many unusual, costly findings thus gets more of the high ones than a quiet month.
///
/// The money at stake caps the level (``Severity/of(stake:materiality:)``: critical needs 100 × materiality,
/// high 20 ×, medium 5 ×, low 1 ×, below materiality is info), so a small amount is never critical however unusual.
public struct SeverityCalibration: Sendable, Equatable {
    /// Findings per month of data at each level (critical, high, medium).
    public struct Rates: Sendable, Equatable {
        /// Critical findings per month.
        public var critical: Double
        /// High findings per month.
        public var high: Double
        /// Medium findings per month.
        public var medium: Double

        /// Creates rates; the defaults are `detector.severity.*_per_month`'s.
        public init(critical: Double = 0.25, high: Double = 1.5, medium: Double = 4) {
            self.critical = critical
            self.high = high
            self.medium = medium
        }
    }

    /// The lowest attention score that is critical (infinity when no candidate is).
    public var critical: Double
    /// The lowest attention score that is high.
    public var high: Double
    /// The lowest attention score that is medium.
    public var medium: Double

    /// Calibrates on the attention scores of every candidate finding over `months` periods of data.
    public init(population: [Double], months: Int, rates: Rates) {
        let descending = population.sorted(by: >)
        func threshold(_ perMonth: Double) -> Double {
            let rank = Int((perMonth * Double(max(months, 1))).rounded(.up))
            guard rank > 0, !descending.isEmpty else { return .infinity }
            return descending[min(rank, descending.count) - 1]
        }
        critical = threshold(rates.critical)
        high = threshold(rates.critical + rates.high)
        medium = threshold(rates.critical + rates.high + rates.medium)
    }

    /// The level of a finding with `attention` and `stake` minor units at stake (before any provisional lowering).
    public func severity(attention: Double, stake: UInt64, materiality: Int64) -> Severity {
        let level: Severity =
            attention >= critical ? .critical : attention >= high ? .high : attention >= medium ? .medium : .low
        return min(level, Severity.of(stake: stake, materiality: materiality))
    }
}
