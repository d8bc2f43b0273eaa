extension IsolationForest {
    /// For each row in `rows` of `data`, the sum over all trees of its path length h(x): the number of edges
    /// from the root to the leaf it falls in, plus c(size) for the training rows left together in that leaf.
    /// Trees are added in order, so a row's sum does not depend on how the rows are split between tasks.
    func pathLengthSums(of data: FeatureMatrix, rows: Range<Int>) -> [Double] {
        let columns = data.columns
        return nodes.withUnsafeBufferPointer { nodes in
            data.values.withUnsafeBufferPointer { values in
                averagePathLengths.withUnsafeBufferPointer { averagePathLengths in
                    rows.map { row in
                        let start = row * columns
                        var sum = 0.0
                        for root in roots {
                            var node = nodes[Int(root)]
                            var depth = 0
                            while node.feature >= 0 {
                                // The right child follows the left one; choosing by arithmetic avoids a branch
                                // that the processor would mispredict half the time.
                                let goesRight = values[start &+ Int(node.feature)] <= node.split ? 0 : 1
                                node = nodes[Int(node.left) &+ goesRight]
                                depth &+= 1
                            }
                            sum += Double(depth) + averagePathLengths[Int(node.size)]
                        }
                        return sum
                    }
                }
            }
        }
    }
}
