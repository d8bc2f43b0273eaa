extension RandomForestImportance {
    /// A grown regression tree: its nodes in one flat array, the root first, and the category sets of its splits
    /// as bit masks in a second flat array.
    struct Tree {
        /// One node. A split node's children are neighbours: `firstChild` on the left, `firstChild + 1` on
        /// the right.
        struct Node {
            /// The weighted mean target of the training rows that reached the node: a leaf's prediction.
            var value: Double
            /// The dimension a split node tests, or −1 for a leaf.
            var dimension: Int32
            /// The index of the left child; unused in a leaf.
            var firstChild: Int32
            /// Where the split's mask starts in ``Tree/leftMasks``: bit `c` is set when category `c` goes
            /// left. Unused in a leaf.
            var maskOffset: Int32

            /// A leaf predicting `value`.
            static func leaf(value: Double) -> Node {
                Node(value: value, dimension: -1, firstChild: -1, maskOffset: -1)
            }

            /// Whether the node is a leaf.
            var isLeaf: Bool { dimension < 0 }
        }

        /// All nodes; index 0 is the root.
        var nodes: [Node] = []
        /// The bit masks of all splits, one run of ⌈cardinality / 64⌉ words per split node.
        var leftMasks: [UInt64] = []

        /// Whether a row with `code` in the dimension `node` tests goes to its left child.
        func goesLeft(_ code: Int32, at node: Node) -> Bool {
            let word = leftMasks[Int(node.maskOffset) + Int(code >> 6)]
            return word >> UInt64(code & 63) & 1 == 1
        }

        /// The prediction for a row whose code in dimension `d` is `code(d)`.
        func prediction(code: (_ dimension: Int) -> Int32) -> Double {
            var node = nodes[0]
            while !node.isLeaf {
                let left = goesLeft(code(Int(node.dimension)), at: node)
                node = nodes[Int(node.firstChild) + (left ? 0 : 1)]
            }
            return node.value
        }
    }
}
