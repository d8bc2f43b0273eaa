extension RandomForestImportance {
    /// A grown regression tree: its nodes in one flat array, the root first, and the category sets of its splits
    /// as bit masks in a second flat array.
    ///
    /// A leaf points to itself, so a row that has reached its leaf stays there: every walk takes ``depth``
    /// steps without a branch on whether it has ended, and the processor can overlap the walks of
    /// consecutive rows.
    struct Tree {
        /// One node. A split node's children are neighbours: `firstChild` on the left, `firstChild + 1` on
        /// the right.
        struct Node {
            /// The weighted mean target of the training rows that reached the node: a leaf's prediction.
            var value: Double
            /// The dimension the node tests; 0 in a leaf.
            var dimension: Int32
            /// The index of the left child; a leaf's own index.
            var firstChild: Int32
            /// Where the node's mask starts in ``Tree/leftMasks``: bit `c` is set when category `c` goes left.
            /// 0 in a leaf, whose mask is the all-ones run at the start.
            var maskOffset: Int32

            /// The leaf at `index`, predicting `value`.
            static func leaf(at index: Int, value: Double) -> Node {
                Node(value: value, dimension: 0, firstChild: Int32(index), maskOffset: 0)
            }
        }

        /// All nodes; index 0 is the root.
        private(set) var nodes: [Node]
        /// The bit masks of the nodes, one run of ⌈cardinality / 64⌉ words per split node after the leaves'
        /// all-ones run.
        private(set) var leftMasks: [UInt64]
        /// The depth of the deepest leaf.
        private(set) var depth = 0

        /// A tree that is a single leaf, for rows whose codes in dimension 0 are below `firstCardinality`.
        init(firstCardinality: Int) {
            nodes = [.leaf(at: 0, value: 0)]
            leftMasks = Array(repeating: ~0, count: (firstCardinality + 63) / 64)
        }

        /// Makes node `index` a leaf predicting `value`.
        mutating func setLeaf(_ index: Int, value: Double) {
            nodes[index] = .leaf(at: index, value: value)
        }

        /// Makes the leaf `index`, at `depth`, split on `dimension` with `cardinality` codes as `split` says,
        /// adds its two children as leaves and returns the split node. Categories absent from the node's
        /// training rows go with the heavier child, so that rows with unseen codes follow the majority.
        mutating func split(
            _ index: Int,
            depth: Int,
            dimension: Int,
            cardinality: Int,
            split: CategorySplit
        ) -> Node {
            let offset = leftMasks.count
            let unseenGoLeft = split.leftWeight >= split.rightWeight
            leftMasks.append(contentsOf: Array(repeating: unseenGoLeft ? ~0 : 0, count: (cardinality + 63) / 64))
            for category in split.leftCategories {
                leftMasks[offset + Int(category >> 6)] |= 1 << UInt64(category & 63)
            }
            for category in split.rightCategories {
                leftMasks[offset + Int(category >> 6)] &= ~(1 << UInt64(category & 63))
            }
            let firstChild = nodes.count
            let node = Node(
                value: nodes[index].value,
                dimension: Int32(dimension),
                firstChild: Int32(firstChild),
                maskOffset: Int32(offset)
            )
            nodes[index] = node
            nodes.append(.leaf(at: firstChild, value: 0))
            nodes.append(.leaf(at: firstChild + 1, value: 0))
            self.depth = max(self.depth, depth + 1)
            return node
        }

        /// Whether a row with `code` in the dimension `node` tests goes to its left child.
        func goesLeft(_ code: Int32, at node: Node) -> Bool {
            let word = leftMasks[Int(node.maskOffset) + Int(code >> 6)]
            return word >> UInt64(code & 63) & 1 == 1
        }

        /// The prediction for the row whose code in dimension `d` is `codes[offset + d]`.
        func prediction(codes: [Int32], offset: Int) -> Double {
            var index = 0
            for _ in 0..<depth {
                let node = nodes[index]
                index = Int(node.firstChild) + (goesLeft(codes[offset + Int(node.dimension)], at: node) ? 0 : 1)
            }
            return nodes[index].value
        }
    }
}
