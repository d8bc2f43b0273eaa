extension RandomForestImportance {
    /// The best binary split of one node on one categorical dimension.
    struct CategorySplit {
        /// The categories present in the node, ordered by their mean target (ties by code).
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
    /// search costs one pass over the node's rows, a sort of its categories and one scan. The finder keeps
    /// per-category totals between calls so that a node does not pay for categories it does not contain.
    struct CategorySplitFinder {
        /// The call in which each category's totals were last reset.
        private var stamp: [Int]
        private var call = 0
        private var weight: [Double]
        /// The weighted sum of targets minus the node's mean, which keeps the sums small and accurate.
        private var centredSum: [Double]
        private var draws: [Int]
        /// The categories seen in the current call, in order of first appearance.
        private var present: [Int32] = []
        /// The categories seen in the current call with their mean centred targets, to be sorted.
        private var ranked: [RankedCategory] = []

        /// A category and the key it is sorted by.
        private struct RankedCategory {
            var mean: Double
            var code: Int32

            /// Whether `self` sorts before `other`: by mean, ties by code.
            func precedes(_ other: RankedCategory) -> Bool {
                mean < other.mean || (mean == other.mean && code < other.code)
            }
        }

        /// A finder for dimensions with at most `maximumCardinality` categories.
        init(maximumCardinality: Int) {
            stamp = Array(repeating: 0, count: maximumCardinality)
            weight = Array(repeating: 0, count: maximumCardinality)
            centredSum = Array(repeating: 0, count: maximumCardinality)
            draws = Array(repeating: 0, count: maximumCardinality)
        }

        /// The split of `rows` by `codes` that most reduces the weighted squared error of `sample`, among those
        /// that give each child at least `minimumLeafSize` draws; nil when there is none.
        mutating func bestSplit(
            of rows: ArraySlice<Int32>, codes: [Int32], sample: TreeSample, nodeMean: Double, minimumLeafSize: Int
        ) -> CategorySplit? {
            accumulate(rows, codes: codes, sample: sample, nodeMean: nodeMean)
            guard present.count > 1 else { return nil }
            ranked.removeAll(keepingCapacity: true)
            for category in present {
                ranked.append(RankedCategory(mean: centredSum[Int(category)] / weight[Int(category)], code: category))
            }
            ranked.sort { $0.precedes($1) }
            return bestCut(of: ranked.map(\.code), minimumLeafSize: minimumLeafSize)
        }

        /// Resets and fills the totals of the categories present in `rows`.
        private mutating func accumulate(
            _ rows: ArraySlice<Int32>, codes: [Int32], sample: TreeSample, nodeMean: Double
        ) {
            call += 1
            present.removeAll(keepingCapacity: true)
            for row in rows.lazy.map(Int.init) {
                let category = Int(codes[row])
                if stamp[category] != call {
                    stamp[category] = call
                    weight[category] = 0
                    centredSum[category] = 0
                    draws[category] = 0
                    present.append(Int32(category))
                }
                weight[category] += sample.weight[row]
                centredSum[category] += sample.weight[row] * (sample.target[row] - nodeMean)
                draws[category] += Int(sample.draws[row])
            }
        }

        /// The best of the cuts between neighbours of `ordered`.
        private func bestCut(of ordered: [Int32], minimumLeafSize: Int) -> CategorySplit? {
            var totalWeight = 0.0, totalSum = 0.0, totalDraws = 0
            for category in ordered.lazy.map(Int.init) {
                totalWeight += weight[category]
                totalSum += centredSum[category]
                totalDraws += draws[category]
            }
            var best: CategorySplit?
            var leftWeight = 0.0, leftSum = 0.0, leftDraws = 0
            for (position, category) in ordered.dropLast().lazy.map(Int.init).enumerated() {
                leftWeight += weight[category]
                leftSum += centredSum[category]
                leftDraws += draws[category]
                guard leftDraws >= minimumLeafSize, totalDraws - leftDraws >= minimumLeafSize else { continue }
                let rightWeight = totalWeight - leftWeight
                let difference = leftSum / leftWeight - (totalSum - leftSum) / rightWeight
                // SSE(node) − SSE(left) − SSE(right) = w_L · w_R / w · (mean_L − mean_R)², never negative.
                let gain = leftWeight * rightWeight * difference * difference / totalWeight
                if gain > best?.gain ?? 0 {
                    best = CategorySplit(
                        categories: ordered, leftCount: position + 1, gain: gain, leftWeight: leftWeight,
                        rightWeight: rightWeight)
                }
            }
            return best
        }
    }
}
