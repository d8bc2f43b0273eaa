extension RandomForestImportance {
    /// What one tree trains on: every leaf's target, with the weight and the number of draws its bootstrap
    /// sample gave it. A leaf out of the bag has weight 0 and 0 draws.
    struct TreeSample {
        /// The value each leaf's prediction should approach.
        let target: [Double]
        /// The leaf's weight times the number of times it was drawn.
        let weight: [Double]
        /// The number of times the leaf was drawn.
        let draws: [Int32]

        /// A sample given leaf by leaf.
        init(target: [Double], weight: [Double], draws: [Int32]) {
            self.target = target
            self.weight = weight
            self.draws = draws
        }

        /// The sample that `bootstrap` draws from `leaves`.
        init(leaves: Leaves, bootstrap: Bootstrap) {
            self.init(
                target: leaves.target,
                weight: zip(leaves.weights, bootstrap.draws).map { $0 * Double($1) },
                draws: bootstrap.draws)
        }
    }
}
