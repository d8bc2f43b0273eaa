extension RandomForestImportance {
    /// What one tree contributes to the importances.
    struct TreeResult: Sendable {
        /// The total gain of the tree's splits on each dimension.
        var impurityDecrease: [Double]
        /// The rise in out-of-bag error when each dimension is shuffled; nil when no leaf was out of bag.
        var permutationIncrease: [Double]?

        /// Draws the bootstrap sample of the tree seeded with `seed`, grows the tree and measures it.
        init(leaves: Leaves, configuration: RandomForestConfiguration, seed: UInt64) {
            var randomness = Randomness(seed: seed)
            let bootstrap = Bootstrap(
                count: leaves.count,
                limit: configuration.samplesPerTree,
                randomness: &randomness
            )
            let builder = TreeBuilder(
                sample: TreeSample(leaves: leaves, bootstrap: bootstrap),
                cardinalities: leaves.cardinalities,
                configuration: configuration
            )
            let (tree, impurityDecrease) = builder.grow(randomness: &randomness)
            self.impurityDecrease = impurityDecrease
            permutationIncrease = RandomForestImportance.permutationIncrease(
                of: tree,
                splitDimensions: impurityDecrease.map { $0 > 0 },
                outOfBag: bootstrap.outOfBag,
                leaves: leaves,
                randomness: &randomness
            )
        }
    }
}
