import Foundation

/// The statistics the search uses on parts of the data, each part given by its observed and expected totals.
struct RootCauseEvidence {
    /// Observed total of the whole table.
    let totalObserved: Double
    /// Expected total of the whole table.
    let totalExpected: Double
    /// Smoothing mass (see `RootCauseConfiguration.pseudoCount`).
    let pseudoCount: Double

    /// +1 when the whole table is above its expectation (or exactly on it), −1 when below.
    var direction: Double { totalObserved >= totalExpected ? 1 : -1 }

    /// The total change, observed minus expected.
    var totalChange: Double { totalObserved - totalExpected }

    /// The smoothed ratio observed/expected of a part: `(observed + s) / (expected + s)`, negative totals
    /// counted as zero.
    func rate(observed: Double, expected: Double) -> Double {
        (max(observed, 0) + pseudoCount) / (max(expected, 0) + pseudoCount)
    }

    /// True when the part moved, relative to the whole table's ratio, in the direction of the total change.
    func movesWithTotal(observed: Double, expected: Double) -> Bool {
        guard totalExpected > 0 else { return observed * direction > 0 }
        return (observed - expected * totalObserved / totalExpected) * direction > 0
    }

    /// Kulldorff's scan statistic: the Poisson log-likelihood ratio of "this part has its own ratio
    /// observed/expected and the rest another" against "one ratio for everything". Expectations below the
    /// pseudo-count are raised to it, so that a part expected to be empty gives finite evidence.
    func gain(observed: Double, expected: Double) -> Double {
        logLikelihood(observed, expected) + logLikelihood(totalObserved - observed, totalExpected - expected)
            - logLikelihood(totalObserved, totalExpected)
    }

    /// The Poisson log-likelihood ratio of "the whole table changed by one factor" against "nothing changed".
    /// Added to `gain`, it gives the evidence for "this part changed by its own factor and the rest by
    /// another" against "nothing changed".
    var totalChangeEvidence: Double {
        logLikelihood(totalObserved, totalExpected) - (max(totalObserved, 0) - max(totalExpected, pseudoCount))
    }

    /// `x·log(x/y)` with negative values counted as zero and y at least the pseudo-count.
    private func logLikelihood(_ observed: Double, _ expected: Double) -> Double {
        let x = max(observed, 0)
        guard x > 0 else { return 0 }
        return x * log(x / max(expected, pseudoCount))
    }

    /// Where a part's ratio lies between the normal and the abnormal level, on a log scale: 0 when it changed
    /// like `normal`, 1 when it changed like `cause`, 0 when the two levels coincide. Each argument is an
    /// (observed, expected) total.
    func abnormality(
        of part: (observed: Double, expected: Double),
        cause: (observed: Double, expected: Double),
        normal: (observed: Double, expected: Double)
    ) -> Double {
        let normalLevel = log(rate(observed: normal.observed, expected: normal.expected))
        let span = log(rate(observed: cause.observed, expected: cause.expected)) - normalLevel
        guard abs(span) > 1e-12 else { return 0 }
        return (log(rate(observed: part.observed, expected: part.expected)) - normalLevel) / span
    }
}
