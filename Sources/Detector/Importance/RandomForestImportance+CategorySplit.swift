extension RandomForestImportance {
    /// The best binary split of one node on one categorical dimension.
    struct CategorySplit {
        /// The categories present in the node, ordered by their mean target (ties in order of first appearance).
        let categories: [Int32]
        /// How many of `categories`, from the front, go to the left child.
        let leftCount: Int
        /// The decrease in the weighted sum of squared errors from replacing the node's mean by the two
        /// children's means.
        let gain: Double
        /// The total weight of the rows that go left.
        let leftWeight: Double
        /// The total weight of the rows that go right.
        let rightWeight: Double

        /// The categories that go to the left child.
        var leftCategories: ArraySlice<Int32> { categories[..<leftCount] }

        /// The categories that go to the right child.
        var rightCategories: ArraySlice<Int32> { categories[leftCount...] }
    }

    /// Finds the best split of a node on one categorical dimension.
    ///
    /// For squared error, the best of all 2^(k−1) − 1 ways to divide k categories in two is one of the k − 1
    /// cuts of the categories sorted by their mean target (Fisher 1958; Breiman et al. 1984, §9.4), so the
    /// search costs one pass over the node's rows, a sort of its categories and one scan. A minimum leaf size
    /// rules out some of those cuts; as in other CART implementations, the best allowed division is then
    /// sought among the remaining cuts only. The finder keeps per-category totals between calls so that a
    /// node does not pay for categories it does not contain.
    struct CategorySplitFinder {
        /// The totals of some of the current node's rows: one category's, or a run of categories'.
        private struct Totals {
            var weight = 0.0
            /// The weighted sum of targets minus the node's mean, which keeps the sums small and accurate.
            var centredSum = 0.0
            var draws = 0
            /// For a category, the call that last reset its totals; older totals are stale.
            var call = 0
        }

        private var totals: [Totals]
        private var call = 0
        /// The categories seen in the current call, in order of first appearance.
        private var present: [Int32] = []
        private var ranked: [RankedCategory] = []
        private var sorter = MeanOrderSorter()

        /// A finder for dimensions with at most `maximumCardinality` categories.
        init(maximumCardinality: Int) {
            totals = Array(repeating: Totals(), count: maximumCardinality)
        }

        /// The split on `dimension` of the rows of `sample` in `range` that most reduces their weighted squared
        /// error, among those that give each child at least `minimumLeafSize` draws; nil when there is none.
        mutating func bestSplit(
            of range: Range<Int>,
            in sample: TreeSample,
            dimension: Int,
            nodeMean: Double,
            minimumLeafSize: Int
        ) -> CategorySplit? {
            accumulate(range, in: sample, dimension: dimension, nodeMean: nodeMean)
            guard present.count > 1 else { return nil }
            ranked.removeAll(keepingCapacity: true)
            for category in present {
                let totals = totals[Int(category)]
                ranked.append(RankedCategory(mean: totals.centredSum / totals.weight, code: category))
            }
            sorter.sort(&ranked)
            return bestCut(of: ranked.map(\.code), minimumLeafSize: minimumLeafSize)
        }

        /// Resets and fills the totals of the categories present in the rows of `sample` in `range`.
        private mutating func accumulate(
            _ range: Range<Int>,
            in sample: TreeSample,
            dimension: Int,
            nodeMean: Double
        ) {
            call += 1
            present.removeAll(keepingCapacity: true)
            for position in range {
                let category = Int(sample.code(at: position, in: dimension))
                let row = sample.rows[position]
                if totals[category].call != call {
                    totals[category] = Totals(call: call)
                    present.append(Int32(category))
                }
                totals[category].weight += row.weight
                totals[category].centredSum += row.weight * (row.target - nodeMean)
                totals[category].draws += Int(row.draws)
            }
        }

        /// The best of the cuts between neighbours of `ordered`.
        private func bestCut(of ordered: [Int32], minimumLeafSize: Int) -> CategorySplit? {
            var total = Totals()
            for category in ordered.lazy.map(Int.init) {
                total.weight += totals[category].weight
                total.centredSum += totals[category].centredSum
                total.draws += totals[category].draws
            }
            var best: CategorySplit?
            var left = Totals()
            for (position, category) in ordered.dropLast().lazy.map(Int.init).enumerated() {
                left.weight += totals[category].weight
                left.centredSum += totals[category].centredSum
                left.draws += totals[category].draws
                guard left.draws >= minimumLeafSize, total.draws - left.draws >= minimumLeafSize else { continue }
                let rightWeight = total.weight - left.weight
                let difference = left.centredSum / left.weight - (total.centredSum - left.centredSum) / rightWeight
                // SSE(node) − SSE(left) − SSE(right) = w_L · w_R / w · (mean_L − mean_R)², never negative.
                let gain = left.weight * rightWeight * difference * difference / total.weight
                if gain > best?.gain ?? 0 {
                    best = CategorySplit(
                        categories: ordered,
                        leftCount: position + 1,
                        gain: gain,
                        leftWeight: left.weight,
                        rightWeight: rightWeight
                    )
                }
            }
            return best
        }
    }
}
