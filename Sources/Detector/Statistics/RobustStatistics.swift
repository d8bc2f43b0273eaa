/// Location and spread of a sample, classic and robust, with the formulas finrca documents.
///
/// - Classic z-score: `(x − mean) / sd` with the population standard deviation.
/// - Modified z-score (Iglewicz & Hoaglin): `0.6745 · (x − median) / MAD`, where MAD is the **unscaled** median
///   absolute deviation `median(|xᵢ − median|)`. The factor 0.6745 is applied exactly once.
/// - When MAD is 0 (more than half the values are equal), the documented fallback is
///   `(x − median) / (1.253314 · MeanAD)` with MeanAD the mean absolute deviation from the median (IBM SPSS's
///   convention; 1.253314 ≈ √(π/2) makes it consistent with the standard deviation for normal data).
/// - When MeanAD is 0 too (all values equal), every modified z-score is 0.
public struct RobustStatistics: Sendable, Equatable {
    /// Number of values.
    public var count: Int
    /// Arithmetic mean.
    public var mean: Double
    /// Population standard deviation.
    public var standardDeviation: Double
    /// Median (mean of the two middle values for an even count).
    public var median: Double
    /// Unscaled median absolute deviation.
    public var mad: Double
    /// Mean absolute deviation from the median.
    public var meanAbsoluteDeviation: Double

    /// Computes the statistics of `values` (which it sorts in place; pass a scratch copy).
    public init(sorting values: inout [Double]) {
        precondition(!values.isEmpty, "statistics of an empty sample")
        DoubleSort.sort(&values)
        count = values.count
        var sum = 0.0
        for value in values { sum += value }
        mean = sum / Double(count)
        var squares = 0.0
        for value in values { squares += (value - mean) * (value - mean) }
        standardDeviation = (squares / Double(count)).squareRoot()
        median = Self.middle(values)
        let median = self.median
        var deviations = values.map { abs($0 - median) }
        var absoluteSum = 0.0
        for deviation in deviations { absoluteSum += deviation }
        meanAbsoluteDeviation = absoluteSum / Double(count)
        DoubleSort.sort(&deviations)
        mad = Self.middle(deviations)
    }

    private static func middle(_ sorted: [Double]) -> Double {
        let half = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2
    }

    /// The classic z-score of `value` (0 when the standard deviation is 0).
    @inline(__always)
    public func zScore(_ value: Double) -> Double {
        standardDeviation > 0 ? (value - mean) / standardDeviation : 0
    }

    /// The modified z-score of `value`, with the MAD = 0 fallback described on the type.
    @inline(__always)
    public func modifiedZScore(_ value: Double) -> Double {
        if mad > 0 { return 0.6745 * (value - median) / mad }
        if meanAbsoluteDeviation > 0 { return (value - median) / (1.253314 * meanAbsoluteDeviation) }
        return 0
    }
}
