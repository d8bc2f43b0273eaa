import Foundation

/// First-digit arithmetic for the Benford test.
enum BenfordDigits {
    /// Benford's expected share of first digit d = 1…9 at index d − 1: log₁₀(1 + 1/d).
    static let expectedShares: [Double] = (1...9).map { log10(1 + 1 / Double($0)) }

    /// The first (most significant) decimal digit of a positive amount.
    static func firstDigit(_ amount: Int64) -> Int {
        var value = amount
        while value >= 10 { value /= 10 }
        return Int(value)
    }

    /// Nigrini's mean absolute deviation: the mean over digits 1…9 of |observed share − expected share|, for
    /// first-digit counts at index d − 1; 0 when there are no counts.
    static func meanAbsoluteDeviation(counts: [Int]) -> Double {
        let total = counts.reduce(0, +)
        guard total > 0 else { return 0 }
        let deviations = zip(counts, expectedShares).map { abs(Double($0) / Double(total) - $1) }
        return deviations.reduce(0, +) / 9
    }
}

extension BenfordDigits {
    /// Pearson's chi-square statistic of first-digit counts (digit d at index d − 1) against Benford's shares.
    static func chiSquare(counts: [Int]) -> Double {
        let total = Double(counts.reduce(0, +))
        return zip(counts, expectedShares)
            .reduce(0) { sum, pair in
                let expected = total * pair.1
                return sum + (Double(pair.0) - expected) * (Double(pair.0) - expected) / expected
            }
    }

    /// log₁₀ P(χ² ≥ `statistic`) with 8 degrees of freedom (nine digits), from the exact closed form for even
    /// degrees of freedom: e^(−x/2) · Σₖ₌₀³ (x/2)ᵏ / k!.
    static func log10ChiSquareTail(_ statistic: Double) -> Double {
        let half = statistic / 2
        let series = 1 + half + half * half / 2 + half * half * half / 6
        return -half / M_LN10 + log10(series)
    }
}

/// Nigrini's conformity levels of first digits to Benford's law, by mean absolute deviation (MAD).
enum BenfordConformity: String, Sendable {
    /// MAD ≤ 0.006.
    case close
    /// 0.006 < MAD ≤ 0.012.
    case acceptable
    /// 0.012 < MAD ≤ 0.015.
    case marginal
    /// MAD > 0.015.
    case nonconformity

    /// The level of a first-digit MAD.
    init(meanAbsoluteDeviation mad: Double) {
        self =
            switch mad {
            case ...0.006: .close
            case ...0.012: .acceptable
            case ...Self.nonconformityThreshold: .marginal
            default: .nonconformity
            }
    }

    /// The MAD above which first digits do not conform.
    static let nonconformityThreshold = 0.015
}
