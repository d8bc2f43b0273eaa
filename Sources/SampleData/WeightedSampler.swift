import Shared

/// Picks indices `0..<weights.count` with probability proportional to their weights.
struct WeightedSampler: Sendable {
    /// Normalised running sums; the last is 1 up to rounding, and a draw above it falls to the last index.
    private let cumulative: [Double]

    /// Creates a sampler; weights must be non-negative with a positive sum.
    init(weights: [Double]) {
        let total = weights.reduce(0, +)
        precondition(total > 0, "weights need a positive sum")
        var running = 0.0
        cumulative = weights.map { weight in
            running += weight
            return running / total
        }
    }

    /// Zipf weights 1/rank^exponent for ranks 1...count.
    static func zipf(count: Int, exponent: Double) -> WeightedSampler {
        WeightedSampler(weights: (1...count).map { PortableMath.exp(-exponent * PortableMath.log(Double($0))) })
    }

    /// The probability of index `i`.
    func probability(of i: Int) -> Double {
        cumulative[i] - (i == 0 ? 0 : cumulative[i - 1])
    }

    /// One weighted draw.
    func sample(using generator: inout SeededGenerator) -> Int {
        let u = generator.nextUnit()
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > u { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
