extension IsolationForest {
    /// One node of an isolation tree. A forest keeps the nodes of all its trees in one flat array; child indices
    /// point into that array, and the two children of a node are neighbours (`right == left + 1`).
    ///
    /// A leaf points to itself with a split of +∞, so a row that has reached its leaf stays there: every walk
    /// can take the same number of steps, without a branch on whether it has ended. `split` comes first so
    /// that the node packs into 24 bytes.
    struct Node: Sendable, Equatable {
        /// The split value: a row whose feature value is `<= split` goes left. +∞ for a leaf.
        var split: Double
        /// The feature an internal node compares, or −1 for a leaf.
        var feature: Int32
        /// The index of the left child; a leaf's own index.
        var left: Int32
        /// The index of the right child, `left + 1`; a leaf's own index.
        var right: Int32
        /// The number of training rows that reached this node.
        var size: Int32

        /// A leaf at `index` that `size` training rows reached.
        static func leaf(at index: Int, size: Int) -> Node {
            Node(split: .infinity, feature: -1, left: Int32(index), right: Int32(index), size: Int32(size))
        }

        /// Whether the node is a leaf.
        var isLeaf: Bool { feature < 0 }

        /// The node with its indices moved up by `offset`, for a tree placed after `offset` other nodes.
        func shifted(by offset: Int32) -> Node {
            Node(split: split, feature: feature, left: left + offset, right: right + offset, size: size)
        }
    }
}
