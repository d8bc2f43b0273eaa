import Shared

/// Draws used by the generator, built only on `SeededGenerator.next()`/`nextUnit()` and ``PortableMath``
/// so that a seed gives the same values on every platform and Swift version.
extension SeededGenerator {
    /// Creates an independent generator for one purpose, so that adding draws in one part of the generator
    /// never shifts the values another part sees.
    init(seed: UInt64, stream: RandomStream) {
        self.init(seed: seed ^ (stream.rawValue &* 0xD1B5_4A32_D192_ED03))
    }

    /// A uniform integer in `0..<bound` (high half of a 64×64-bit product); `bound` must be positive.
    mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in `range`.
    mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + nextIndex(below: range.count)
    }

    /// A uniform `Double` in `range`.
    mutating func nextDouble(in range: Range<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUnit()
    }

    /// `true` with the given probability.
    mutating func nextBool(probability: Double) -> Bool {
        nextUnit() < probability
    }

    /// A standard normal variate by the Marsaglia polar form of the Box–Muller transform.
    mutating func nextStandardNormal() -> Double {
        while true {
            let u = 2 * nextUnit() - 1
            let v = 2 * nextUnit() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return u * (-2 * PortableMath.log(s) / s).squareRoot()
            }
        }
    }

    /// A lognormal variate with the given median and log-space spread; the underlying normal is clipped to
    /// ±`clip` standard deviations, so the result never exceeds `median · e^(sigma·clip)`.
    mutating func nextLogNormal(median: Double, sigma: Double, clip: Double) -> Double {
        let z = min(max(nextStandardNormal(), -clip), clip)
        return median * PortableMath.exp(sigma * z)
    }

    /// `count` distinct elements of `0..<bound` in random order (partial Fisher–Yates); `count ≤ bound`.
    mutating func nextDistinctIndices(_ count: Int, below bound: Int) -> [Int] {
        var pool = Array(0..<bound)
        for i in 0..<count {
            pool.swapAt(i, i + nextIndex(below: bound - i))
        }
        return Array(pool.prefix(count))
    }
}

/// The independent random streams of one run.
enum RandomStream: UInt64 {
    /// Organisation, accounts, suppliers.
    case catalog = 1
    /// Which rows carry which anomaly.
    case anomalyPlan = 2
    /// The values of the rows as they are written.
    case rows = 3
}
