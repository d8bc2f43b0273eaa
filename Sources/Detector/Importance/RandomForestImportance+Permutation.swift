extension RandomForestImportance {
    /// Breiman's permutation importance on one tree: for each dimension, the rise in the tree's weighted mean
    /// squared error on its out-of-bag leaves when that dimension's codes are shuffled among them. Nil when
    /// the tree has no out-of-bag leaves.
    ///
    /// A dimension the tree never splits on cannot change its predictions, so its rise is exactly 0 and is
    /// not computed.
    static func permutationIncrease(
        of tree: Tree,
        splitDimensions: [Bool],
        outOfBag: [Int32],
        leaves: Leaves,
        randomness: inout Randomness
    ) -> [Double]? {
        guard !outOfBag.isEmpty else { return nil }
        let width = leaves.dimensionCount
        // Row-major codes of the out-of-bag leaves: a prediction reads one contiguous run.
        var codes = [Int32](repeating: 0, count: outOfBag.count * width)
        for (dimension, dimensionCodes) in leaves.codes.enumerated() {
            for (position, row) in outOfBag.enumerated() {
                codes[position * width + dimension] = dimensionCodes[Int(row)]
            }
        }
        let baseline = meanSquaredError(of: tree, codes: codes, width: width, rows: outOfBag, leaves: leaves)
        var increase = Array(repeating: 0.0, count: width)
        for dimension in 0..<width where splitDimensions[dimension] {
            let original = stride(from: dimension, to: codes.count, by: width).map { codes[$0] }
            var shuffled = original
            randomness.shuffle(&shuffled)
            setColumn(dimension, of: &codes, width: width, to: shuffled)
            let error = meanSquaredError(of: tree, codes: codes, width: width, rows: outOfBag, leaves: leaves)
            increase[dimension] = error - baseline
            setColumn(dimension, of: &codes, width: width, to: original)
        }
        return increase
    }

    /// Overwrites column `dimension` of the row-major `codes` with `column`.
    private static func setColumn(_ dimension: Int, of codes: inout [Int32], width: Int, to column: [Int32]) {
        for (position, code) in column.enumerated() {
            codes[position * width + dimension] = code
        }
    }

    /// The weighted mean squared error of `tree` on the leaves `rows`, whose codes are the rows of the
    /// row-major `codes`.
    private static func meanSquaredError(
        of tree: Tree,
        codes: [Int32],
        width: Int,
        rows: [Int32],
        leaves: Leaves
    ) -> Double {
        var squaredError = 0.0
        var weight = 0.0
        for (position, row) in rows.lazy.map(Int.init).enumerated() {
            let residual = leaves.target[row] - tree.prediction(codes: codes, offset: position * width)
            squaredError += leaves.weights[row] * residual * residual
            weight += leaves.weights[row]
        }
        return squaredError / weight
    }
}
