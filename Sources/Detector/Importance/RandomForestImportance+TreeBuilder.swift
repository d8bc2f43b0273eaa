extension RandomForestImportance {
    /// Grows one CART regression tree on a bootstrap sample and tallies, per dimension, how much its splits
    /// reduce the weighted sum of squared errors.
    ///
    /// A node becomes a leaf at ``RandomForestConfiguration/maximumDepth``, when it has fewer than twice
    /// ``RandomForestConfiguration/minimumLeafSize`` draws, when its targets are all equal, or when no tried
    /// dimension reduces its squared error by more than rounding noise.
    struct TreeBuilder {
        /// A split's gain must exceed this share of the node's squared error to count as more than rounding.
        private static let relativeGainTolerance = 1e-12

        private var sample: TreeSample
        private let cardinalities: [Int]
        private let configuration: RandomForestConfiguration
        private var finder: CategorySplitFinder
        /// The dimensions, shuffled at each node so that its first few are the ones tried.
        private var dimensionOrder: [Int]
        /// The total gain of the splits on each dimension.
        private var impurityDecrease: [Double]

        /// A node whose rows are placed but whose split is not yet decided.
        private struct Pending {
            var node: Int
            var rows: Range<Int>
            var depth: Int
        }

        /// The weighted statistics of the rows in one node.
        private struct Summary {
            var draws = 0
            var mean = 0.0
            var squaredError = 0.0
            var isConstant = true
        }

        /// A builder for the tree trained on `sample`, whose dimensions have the given cardinalities.
        init(sample: TreeSample, cardinalities: [Int], configuration: RandomForestConfiguration) {
            precondition(!sample.rows.isEmpty, "a tree needs at least one row")
            self.sample = sample
            self.cardinalities = cardinalities
            self.configuration = configuration
            finder = CategorySplitFinder(maximumCardinality: cardinalities.max() ?? 0)
            dimensionOrder = Array(cardinalities.indices)
            impurityDecrease = Array(repeating: 0, count: cardinalities.count)
        }

        /// Grows the tree, using up the builder; returns it with the total gain of its splits on each dimension.
        consuming func grow(randomness: inout Randomness) -> (tree: Tree, impurityDecrease: [Double]) {
            var tree = Tree(firstCardinality: cardinalities.first ?? 0)
            var pending = [Pending(node: 0, rows: sample.rows.indices, depth: 0)]
            while let item = pending.popLast() {
                let summary = summarise(item.rows)
                tree.setLeaf(item.node, value: summary.mean)
                guard item.depth < configuration.maximumDepth,
                    summary.draws >= 2 * configuration.minimumLeafSize, !summary.isConstant,
                    let (dimension, split) = bestSplit(of: item.rows, summary: summary, randomness: &randomness)
                else { continue }
                let node = tree.split(
                    item.node,
                    depth: item.depth,
                    dimension: dimension,
                    cardinality: cardinalities[dimension],
                    split: split
                )
                impurityDecrease[dimension] += split.gain
                let middle = sample.partition(item.rows, dimension: dimension) { tree.goesLeft($0, at: node) }
                let firstChild = Int(node.firstChild)
                let depth = item.depth + 1
                pending.append(Pending(node: firstChild + 1, rows: middle..<item.rows.upperBound, depth: depth))
                pending.append(Pending(node: firstChild, rows: item.rows.lowerBound..<middle, depth: depth))
            }
            return (tree, impurityDecrease)
        }

        /// The draws, weighted mean and weighted squared error of the rows in `range`.
        private func summarise(_ range: Range<Int>) -> Summary {
            var summary = Summary()
            var weight = 0.0
            var sum = 0.0
            let first = sample.rows[range.lowerBound].target
            for row in sample.rows[range] {
                summary.draws += Int(row.draws)
                weight += row.weight
                sum += row.weight * row.target
                summary.isConstant = summary.isConstant && row.target == first
            }
            summary.mean = sum / weight
            for row in sample.rows[range] {
                let residual = row.target - summary.mean
                summary.squaredError += row.weight * residual * residual
            }
            return summary
        }

        /// The best split over ⌈featureFraction · D⌉ dimensions chosen at random; nil when none gains.
        private mutating func bestSplit(
            of range: Range<Int>,
            summary: Summary,
            randomness: inout Randomness
        ) -> (dimension: Int, split: CategorySplit)? {
            let tried = configuration.dimensionsTried(of: cardinalities.count)
            randomness.shuffleFront(tried, of: &dimensionOrder)
            var best: (dimension: Int, split: CategorySplit)?
            var bestGain = summary.squaredError * Self.relativeGainTolerance
            for dimension in dimensionOrder.prefix(tried) {
                guard
                    let split = finder.bestSplit(
                        of: range,
                        in: sample,
                        dimension: dimension,
                        nodeMean: summary.mean,
                        minimumLeafSize: configuration.minimumLeafSize
                    ),
                    split.gain > bestGain
                else { continue }
                best = (dimension, split)
                bestGain = split.gain
            }
            return best
        }
    }
}
