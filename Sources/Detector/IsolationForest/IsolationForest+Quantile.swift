extension IsolationForest {
    /// The `probability` quantile of `values` with linear interpolation between the two nearest ranks: numpy's
    /// default `np.quantile` (method "linear"), including its way of interpolating.
    static func quantile(_ values: [Double], at probability: Double) -> Double {
        precondition(!values.isEmpty, "the quantile of no values is undefined")
        precondition((0...1).contains(probability), "a quantile's probability must lie in [0, 1]")
        let sorted = values.sorted()
        let position = Double(sorted.count - 1) * probability
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        let (low, high) = (sorted[lower], sorted[upper])
        let difference = high - low
        // numpy interpolates from the nearer end, which keeps the result within [low, high].
        return fraction < 0.5 ? low + difference * fraction : high - difference * (1 - fraction)
    }
}
