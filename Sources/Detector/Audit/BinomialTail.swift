import Foundation

/// Upper tail probabilities of the binomial distribution, kept in log space so that tiny p-values stay finite.
enum BinomialTail {
    /// log₁₀ P(X ≥ `successes`) for X ~ Binomial(`trials`, `probability`); 0 when the tail is certain and −∞
    /// when it is impossible.
    ///
    /// Exact up to floating point: the probability mass terms come from `lgamma` and are summed from the
    /// largest one on, stopping once they no longer change the sum.
    static func log10UpperTail(atLeast successes: Int, trials: Int, probability: Double) -> Double {
        if successes <= 0 || probability >= 1 { return 0 }
        if successes > trials || probability <= 0 { return -.infinity }
        let logP = log(probability)
        let logQ = log1p(-probability)
        let logTrialsFactorial = logFactorial(trials)
        func logMass(_ count: Int) -> Double {
            logTrialsFactorial - logFactorial(count) - logFactorial(trials - count)
                + Double(count) * logP + Double(trials - count) * logQ
        }
        if Double(successes) > Double(trials) * probability {
            // Above the mean the terms fall from the first one on: sum them relative to it.
            let first = logMass(successes)
            var relativeSum = 1.0
            for count in stride(from: successes + 1, through: trials, by: 1) {
                let term = exp(logMass(count) - first)
                relativeSum += term
                if term < relativeSum * 1e-17 { break }
            }
            return (first + log(relativeSum)) / M_LN10
        }
        // At or below the mean the tail is large: 1 − P(X < successes), whose terms fall going down.
        var lowerTail = 0.0
        for count in stride(from: successes - 1, through: 0, by: -1) {
            let term = exp(logMass(count))
            lowerTail += term
            if term < lowerTail * 1e-17 { break }
        }
        return log10(max(1 - lowerTail, .leastNormalMagnitude))
    }

    /// ln(n!) from the log-gamma function.
    private static func logFactorial(_ n: Int) -> Double {
        let value: Double = lgamma(Double(n + 1))  // the annotation picks the C function on Linux
        return value
    }
}
