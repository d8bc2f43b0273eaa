extension RandomForestImportance {
    /// Breiman's permutation importance on one tree: for each dimension, the rise in the tree's weighted mean
    /// squared error on its out-of-bag leaves when that dimension's codes are shuffled among them. Nil when
    /// the tree has no out-of-bag leaves.
    ///
    /// A dimension the tree never splits on cannot change its predictions, so its rise is exactly 0 and is
    /// not computed.
    static func permutationIncrease(
        of tree: Tree, splitDimensions: [Bool], outOfBag: [Int32], leaves: Leaves, randomness: inout Randomness
    ) -> [Double]? {
        guard !outOfBag.isEmpty else { return nil }
        let baseline = meanSquaredError(of: tree, on: outOfBag, leaves: leaves) { dimension, position in
            leaves.codes[dimension][Int(outOfBag[position])]
        }
        var increase = Array(repeating: 0.0, count: leaves.dimensionCount)
        for shuffled in leaves.codes.indices where splitDimensions[shuffled] {
            var codes = outOfBag.map { leaves.codes[shuffled][Int($0)] }
            randomness.shuffle(&codes)
            let error = meanSquaredError(of: tree, on: outOfBag, leaves: leaves) { dimension, position in
                dimension == shuffled ? codes[position] : leaves.codes[dimension][Int(outOfBag[position])]
            }
            increase[shuffled] = error - baseline
        }
        return increase
    }

    /// The weighted mean squared error of `tree` on the leaves `rows`, reading the code of the row at
    /// `position` in `dimension` from `code(dimension, position)`.
    private static func meanSquaredError(
        of tree: Tree, on rows: [Int32], leaves: Leaves, code: (_ dimension: Int, _ position: Int) -> Int32
    ) -> Double {
        var squaredError = 0.0, weight = 0.0
        for (position, row) in rows.lazy.map(Int.init).enumerated() {
            let residual = leaves.target[row] - tree.prediction { code($0, position) }
            squaredError += leaves.weights[row] * residual * residual
            weight += leaves.weights[row]
        }
        return squaredError / weight
    }
}
