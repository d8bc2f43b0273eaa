extension IsolationForest {
    /// One node of an isolation tree. A forest keeps the nodes of all its trees in one flat array; child indices
    /// point into that array.
    ///
    /// `split` comes first so that the node packs into 24 bytes.
    struct Node: Sendable, Equatable {
        /// The split value of an internal node: a row whose feature value is `<= split` goes left.
        var split: Double
        /// The feature an internal node compares, or −1 for a leaf.
        var feature: Int32
        /// The index of the left child (internal nodes only).
        var left: Int32
        /// The index of the right child (internal nodes only).
        var right: Int32
        /// The number of training rows that reached this node.
        var size: Int32

        /// A leaf that `size` training rows reached.
        static func leaf(size: Int) -> Node {
            Node(split: 0, feature: -1, left: -1, right: -1, size: Int32(size))
        }

        /// Whether the node is a leaf.
        var isLeaf: Bool { feature < 0 }
    }
}
