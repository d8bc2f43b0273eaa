extension IsolationForest {
    /// One grown tree, its nodes numbered from its root at 0.
    struct Tree: Sendable {
        /// The nodes; see ``Node``.
        var nodes: [Node]
        /// For each leaf, the path length h of a row that ends there: its depth plus c(size) for the training
        /// rows it still holds. 0 for internal nodes.
        var pathLengths: [Double]
        /// The depth of the deepest leaf.
        var depth: Int
    }
}
