extension IsolationForest {
    /// For each row in `rows` of `data`, the sum over all trees of its path length h(x): the number of edges
    /// from the root to the leaf it falls in, plus c(size) for the training rows left together in that leaf.
    /// Trees are added in order, so a row's sum does not depend on how the rows are split between tasks.
    func pathLengthSums(of data: FeatureMatrix, rows: Range<Int>) -> [Double] {
        let columns = data.columns
        let depth = depth
        return [Double](unsafeUninitializedCapacity: rows.count) { sums, initialized in
            nodes.withUnsafeBufferPointer { nodes in
                pathLengths.withUnsafeBufferPointer { pathLengths in
                    data.values.withUnsafeBufferPointer { values in
                        /// The node after `node` for the row whose values start at `start`; a leaf's is itself.
                        @inline(__always) func next(_ node: Int, row start: Int) -> Int {
                            let node = nodes[node]
                            let value = values[start &+ Int(max(node.feature, 0))]
                            return Int(node.left) &+ (value <= node.split ? 0 : 1)
                        }
                        var row = rows.lowerBound
                        // Eight rows at a time: their walks are independent, so the processor overlaps their
                        // memory loads instead of waiting for each in turn.
                        while row &+ 8 <= rows.upperBound {
                            let starts = SIMD8<Int>(0, 1, 2, 3, 4, 5, 6, 7) &* columns &+ row &* columns
                            var totals = SIMD8<Double>()
                            for root in roots {
                                var leaves = SIMD8<Int>(repeating: Int(root))
                                for _ in 0..<depth {
                                    for lane in 0..<8 {
                                        leaves[lane] = next(leaves[lane], row: starts[lane])
                                    }
                                }
                                for lane in 0..<8 {
                                    totals[lane] += pathLengths[leaves[lane]]
                                }
                            }
                            for lane in 0..<8 {
                                sums[row &- rows.lowerBound &+ lane] = totals[lane]
                            }
                            row &+= 8
                        }
                        while row < rows.upperBound {
                            var total = 0.0
                            for root in roots {
                                var leaf = Int(root)
                                for _ in 0..<depth {
                                    leaf = next(leaf, row: row &* columns)
                                }
                                total += pathLengths[leaf]
                            }
                            sums[row &- rows.lowerBound] = total
                            row &+= 1
                        }
                    }
                }
            }
            initialized = rows.count
        }
    }
}
