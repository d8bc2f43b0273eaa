/// Grows one isolation tree on a random subsample of the training rows.
///
/// At each node it picks a feature uniformly among those not constant on the node's rows (a leaf when there is
/// none), splits at a value drawn uniformly in that feature's [min, max) on those rows, and stops at the height
/// limit or at a single row: scikit-learn's `ExtraTreeRegressor(max_features=1, splitter="random")` as
/// `IsolationForest` uses it.
struct IsolationTreeBuilder {
    /// The training data, row-major.
    private let values: [Double]
    private let columns: Int
    private let heightLimit: Int
    private var randomness: TreeRandomness
    /// The subsample's row numbers in the training data; each node's rows are a contiguous range of it,
    /// partitioned as the tree grows.
    private var rowOrder: [Int]
    /// One list of features per depth; a node's first `candidateCount` entries are those not known to be constant.
    private var featureOrders: [Int32]
    private var tree = IsolationForest.Tree(nodes: [], pathLengths: [], depth: 0)

    /// Grows a tree on `sampleSize` distinct rows of `data` drawn with `randomness`, to at most `heightLimit`
    /// levels below the root.
    static func grow(
        on data: FeatureMatrix,
        sampleSize: Int,
        heightLimit: Int,
        randomness: TreeRandomness
    ) -> IsolationForest.Tree {
        var builder = IsolationTreeBuilder(
            data: data,
            sampleSize: sampleSize,
            heightLimit: heightLimit,
            randomness: randomness
        )
        builder.reserveSlots(1)
        builder.growNode(at: 0, rows: 0..<sampleSize, depth: 0, candidateCount: data.columns)
        return builder.tree
    }

    private init(data: FeatureMatrix, sampleSize: Int, heightLimit: Int, randomness: TreeRandomness) {
        var randomness = randomness
        // In row order, for memory locality; the tree depends only on which rows are drawn.
        rowOrder =
            sampleSize == data.rows
            ? Array(0..<data.rows) : randomness.distinctIndices(sampleSize, below: data.rows).sorted()
        self.randomness = randomness
        values = data.values
        columns = data.columns
        self.heightLimit = heightLimit
        featureOrders = [Int32](repeating: 0, count: (heightLimit + 1) * data.columns)
        for feature in 0..<data.columns {
            featureOrders[feature] = Int32(feature)
        }
        tree.nodes.reserveCapacity(2 * sampleSize - 1)
        tree.pathLengths.reserveCapacity(2 * sampleSize - 1)
    }

    /// Grows the subtree for the subsample rows `rowOrder[rows]` at `depth` into the slot `index`; the first
    /// `candidateCount` features of level `depth` in `featureOrders` may vary on those rows.
    private mutating func growNode(at index: Int, rows: Range<Int>, depth: Int, candidateCount: Int) {
        guard depth < heightLimit, rows.count > 1,
            let (feature, split, varyingCount) = drawSplit(rows: rows, depth: depth, candidateCount: candidateCount)
        else {
            tree.nodes[index] = .leaf(at: index, size: rows.count)
            tree.pathLengths[index] = Double(depth) + IsolationForest.averagePathLength(rows.count)
            tree.depth = max(tree.depth, depth)
            return
        }
        let left = tree.nodes.count
        tree.nodes[index] = IsolationForest.Node(
            split: split,
            feature: Int32(feature),
            left: Int32(left),
            right: Int32(left + 1),
            size: Int32(rows.count)
        )
        reserveSlots(2)
        let middle = partition(rows, feature: feature, split: split)
        inheritFeatures(depth: depth, count: varyingCount)
        growNode(at: left, rows: rows.lowerBound..<middle, depth: depth + 1, candidateCount: varyingCount)
        inheritFeatures(depth: depth, count: varyingCount)
        growNode(at: left + 1, rows: middle..<rows.upperBound, depth: depth + 1, candidateCount: varyingCount)
    }

    /// Reserves `count` adjacent slots at the end of the tree, for the root or for the two children of a node.
    private mutating func reserveSlots(_ count: Int) {
        for _ in 0..<count {
            tree.nodes.append(.leaf(at: tree.nodes.count, size: 0))
            tree.pathLengths.append(0)
        }
    }

    /// Draws features among the candidates until one varies on `rows`, moving each constant one out of the
    /// candidates, and draws a split value for it. Returns the feature, the split and how many candidates are
    /// left (the children's candidates), or `nil` when every feature is constant.
    private mutating func drawSplit(
        rows: Range<Int>,
        depth: Int,
        candidateCount: Int
    ) -> (feature: Int, split: Double, varyingCount: Int)? {
        let base = depth * columns
        var remaining = candidateCount
        while remaining > 0 {
            let pick = base + randomness.index(below: remaining)
            let feature = Int(featureOrders[pick])
            let (low, high) = extent(of: feature, rows: rows)
            if low < high {
                let split = low + randomness.unit() * (high - low)
                return (feature, split < high ? split : low, remaining)
            }
            remaining -= 1
            featureOrders.swapAt(pick, base + remaining)
        }
        return nil
    }

    /// The smallest and largest value of `feature` on the rows `rowOrder[rows]`.
    private func extent(of feature: Int, rows: Range<Int>) -> (low: Double, high: Double) {
        var low = Double.infinity
        var high = -Double.infinity
        for position in rows {
            let value = values[rowOrder[position] * columns + feature]
            low = min(low, value)
            high = max(high, value)
        }
        return (low, high)
    }

    /// Reorders `rowOrder[rows]` so the rows with `feature <= split` come first; returns where the rest begin.
    private mutating func partition(_ rows: Range<Int>, feature: Int, split: Double) -> Int {
        var end = rows.lowerBound
        for position in rows where values[rowOrder[position] * columns + feature] <= split {
            rowOrder.swapAt(position, end)
            end += 1
        }
        return end
    }

    /// Copies the first `count` features of level `depth` to level `depth + 1`.
    private mutating func inheritFeatures(depth: Int, count: Int) {
        let from = depth * columns
        let to = from + columns
        for offset in 0..<count {
            featureOrders[to + offset] = featureOrders[from + offset]
        }
    }
}
