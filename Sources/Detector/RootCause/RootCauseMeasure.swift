/// The quantity the search compares, leaf by leaf, against its expectation.
public enum RootCauseModelledQuantity: String, Sendable {
    /// A fundamental measure as given (spend, a count).
    case amount
    /// The numerator of a derived measure, expected to be denominator × expected ratio.
    case numerator
    /// Denominator minus numerator of a proportion (failures of a success rate), expected to be
    /// denominator × (1 − expected ratio).
    case complement
}

/// Each leaf's observed value and what it would have been without a change, in one quantity whose changes
/// are multiplicative: the search asks where observed/expected departs from the rest of the data.
struct RootCauseObservations {
    /// What was modelled.
    var quantity: RootCauseModelledQuantity
    /// Observed value per leaf.
    var observed: [Double]
    /// Expected value per leaf.
    var expected: [Double]

    /// Denominator units added to each leaf's expected denominator, at the overall expected ratio, so that a
    /// leaf with no expected denominator (a new combination) is expected to behave like the whole.
    static let ratioSmoothing = 1.0

    /// The observations of `table`.
    ///
    /// A fundamental measure is used as it is. For a derived measure the expected ratio of a leaf is
    /// `(expected numerator + s·R) / (expected denominator + s)` (R the overall expected ratio, s
    /// `ratioSmoothing`) and the leaf's actual denominator times that ratio is its expected numerator. When the
    /// measure is a proportion (0 ≤ numerator ≤ denominator everywhere) whose overall ratio is above ½, the
    /// complement is modelled instead: a success rate falling from 0.97 to 0.6 is a 13-fold rise in failures
    /// but only a 38 % fall in successes, and the rare side is where a change stands out.
    init(_ table: RootCauseTable) {
        guard let actualDenominator = table.actualDenominator, let expectedDenominator = table.expectedDenominator
        else {
            self.init(quantity: .amount, observed: table.actual, expected: table.expected)
            return
        }
        let totalDenominator = expectedDenominator.reduce(0, +)
        let overallRatio = totalDenominator > 0 ? table.expected.reduce(0, +) / totalDenominator : 0
        let expectedRatio = table.expected.indices.map { row in
            (table.expected[row] + Self.ratioSmoothing * overallRatio)
                / (expectedDenominator[row] + Self.ratioSmoothing)
        }
        let isProportion = table.actual.indices.allSatisfy { row in
            (0...max(0, actualDenominator[row])).contains(table.actual[row])
                && (0...max(0, expectedDenominator[row])).contains(table.expected[row])
        }
        if isProportion && overallRatio > 0.5 {
            self.init(
                quantity: .complement,
                observed: table.actual.indices.map { actualDenominator[$0] - table.actual[$0] },
                expected: expectedRatio.indices.map { actualDenominator[$0] * (1 - expectedRatio[$0]) }
            )
        } else {
            self.init(
                quantity: .numerator,
                observed: table.actual,
                expected: expectedRatio.indices.map { actualDenominator[$0] * expectedRatio[$0] }
            )
        }
    }

    /// Observations given directly.
    init(quantity: RootCauseModelledQuantity, observed: [Double], expected: [Double]) {
        self.quantity = quantity
        self.observed = observed
        self.expected = expected
    }
}
