extension RandomForestImportance {
    /// The checked training data: one row per leaf, its code in every dimension, its target and its weight.
    struct Leaves: Sendable {
        /// `codes[d][i]`: the code of leaf `i` in dimension `d`, in `0..<cardinalities[d]`.
        let codes: [[Int32]]
        /// The value each leaf's prediction should approach.
        let target: [Double]
        /// How much each leaf counts in every sum of squares; all 1 when the caller gave none.
        let weights: [Double]
        /// One more than the largest code of each dimension.
        let cardinalities: [Int]

        /// Checks the shapes and values; a violation is a programming error, so it stops the process.
        init(codes: [[Int32]], target: [Double], weights: [Double]?) {
            let count = target.count
            precondition(codes.allSatisfy { $0.count == count }, "every dimension needs one code per leaf")
            precondition(target.allSatisfy(\.isFinite), "targets must be finite")
            let weights = weights ?? Array(repeating: 1, count: count)
            precondition(weights.count == count, "weights need one value per leaf")
            precondition(weights.allSatisfy { $0.isFinite && $0 > 0 }, "weights must be positive and finite")
            precondition(codes.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "codes must not be negative")
            self.codes = codes
            self.target = target
            self.weights = weights
            cardinalities = codes.map { Int($0.max() ?? -1) + 1 }
        }

        /// The number of leaves.
        var count: Int { target.count }

        /// The number of dimensions.
        var dimensionCount: Int { codes.count }
    }
}
