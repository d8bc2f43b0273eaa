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

        private let leaves: Leaves
        private let sample: TreeSample
        private let configuration: RandomForestConfiguration
        private var finder: CategorySplitFinder
        /// The dimensions, shuffled at each node so that its first few are the ones tried.
        private var dimensionOrder: [Int]
        /// The in-bag rows; each node owns a contiguous range, in increasing row order.
        private var rows: [Int32]
        /// Scratch space for the rows that go right while a range is partitioned.
        private var rightRows: [Int32] = []
        private var tree = Tree()
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

        /// A builder for the tree trained on `sample`, whose rows drawn at least once are `inBag`.
        init(leaves: Leaves, sample: TreeSample, inBag: [Int32], configuration: RandomForestConfiguration) {
            self.leaves = leaves
            self.sample = sample
            self.configuration = configuration
            finder = CategorySplitFinder(maximumCardinality: leaves.cardinalities.max() ?? 0)
            dimensionOrder = Array(0..<leaves.dimensionCount)
            rows = inBag
            impurityDecrease = Array(repeating: 0, count: leaves.dimensionCount)
        }

        /// Grows the tree; returns it with the total gain of its splits on each dimension.
        mutating func grow(randomness: inout Randomness) -> (tree: Tree, impurityDecrease: [Double]) {
            precondition(!rows.isEmpty, "a tree needs at least one row")
            tree.nodes.append(.leaf(value: 0))
            var pending = [Pending(node: 0, rows: rows.indices, depth: 0)]
            while let item = pending.popLast() {
                let summary = summarise(item.rows)
                tree.nodes[item.node] = .leaf(value: summary.mean)
                guard item.depth < configuration.maximumDepth,
                    summary.draws >= 2 * configuration.minimumLeafSize, !summary.isConstant,
                    let (dimension, split) = bestSplit(of: item.rows, summary: summary, randomness: &randomness)
                else { continue }
                let firstChild = tree.nodes.count
                tree.nodes[item.node] = Tree.Node(
                    value: summary.mean, dimension: Int32(dimension), firstChild: Int32(firstChild),
                    maskOffset: Int32(appendMask(of: split, cardinality: leaves.cardinalities[dimension])))
                tree.nodes.append(contentsOf: [.leaf(value: 0), .leaf(value: 0)])
                impurityDecrease[dimension] += split.gain
                let middle = partition(item.rows, at: tree.nodes[item.node])
                pending.append(Pending(node: firstChild + 1, rows: middle..<item.rows.upperBound, depth: item.depth + 1))
                pending.append(Pending(node: firstChild, rows: item.rows.lowerBound..<middle, depth: item.depth + 1))
            }
            return (tree, impurityDecrease)
        }

        /// The draws, weighted mean and weighted squared error of the rows in `range`.
        private func summarise(_ range: Range<Int>) -> Summary {
            var summary = Summary()
            var weight = 0.0, sum = 0.0
            let first = sample.target[Int(rows[range.lowerBound])]
            for row in rows[range].lazy.map(Int.init) {
                summary.draws += Int(sample.draws[row])
                weight += sample.weight[row]
                sum += sample.weight[row] * sample.target[row]
                summary.isConstant = summary.isConstant && sample.target[row] == first
            }
            summary.mean = sum / weight
            for row in rows[range].lazy.map(Int.init) {
                let residual = sample.target[row] - summary.mean
                summary.squaredError += sample.weight[row] * residual * residual
            }
            return summary
        }

        /// The best split over ⌈featureFraction · D⌉ dimensions chosen at random; nil when none gains.
        private mutating func bestSplit(
            of range: Range<Int>, summary: Summary, randomness: inout Randomness
        ) -> (dimension: Int, split: CategorySplit)? {
            let tried = configuration.dimensionsTried(of: leaves.dimensionCount)
            randomness.shuffleFront(tried, of: &dimensionOrder)
            var best: (dimension: Int, split: CategorySplit)?
            var bestGain = summary.squaredError * Self.relativeGainTolerance
            for dimension in dimensionOrder.prefix(tried) {
                guard
                    let split = finder.bestSplit(
                        of: rows[range], codes: leaves.codes[dimension], sample: sample, nodeMean: summary.mean,
                        minimumLeafSize: configuration.minimumLeafSize),
                    split.gain > bestGain
                else { continue }
                best = (dimension, split)
                bestGain = split.gain
            }
            return best
        }

        /// Appends the mask of `split` and returns its offset. Categories absent from the node's training rows
        /// go with the heavier child, so that out-of-bag rows with unseen codes follow the majority.
        private mutating func appendMask(of split: CategorySplit, cardinality: Int) -> Int {
            let offset = tree.leftMasks.count
            let unseenGoLeft = split.leftWeight >= split.rightWeight
            for _ in 0..<(cardinality + 63) / 64 {
                tree.leftMasks.append(unseenGoLeft ? ~0 : 0)
            }
            for category in split.leftCategories {
                tree.leftMasks[offset + Int(category >> 6)] |= 1 << UInt64(category & 63)
            }
            for category in split.rightCategories {
                tree.leftMasks[offset + Int(category >> 6)] &= ~(1 << UInt64(category & 63))
            }
            return offset
        }

        /// Moves the rows of `range` that go left at `node` to its front, keeping both sides in increasing row
        /// order, and returns where the right side starts.
        private mutating func partition(_ range: Range<Int>, at node: Tree.Node) -> Int {
            let codes = leaves.codes[Int(node.dimension)]
            rightRows.removeAll(keepingCapacity: true)
            var end = range.lowerBound
            for position in range {
                let row = rows[position]
                if tree.goesLeft(codes[Int(row)], at: node) {
                    rows[end] = row
                    end += 1
                } else {
                    rightRows.append(row)
                }
            }
            rows.replaceSubrange(end..<range.upperBound, with: rightRows)
            return end
        }
    }
}
