extension RandomForestImportance {
    /// One tree's bootstrap sample: as many draws with replacement as there are leaves.
    struct Bootstrap {
        /// How many times each leaf was drawn.
        let draws: [Int32]
        /// The leaves drawn at least once, in increasing order.
        let inBag: [Int32]
        /// The leaves never drawn, in increasing order: the tree's held-out rows.
        let outOfBag: [Int32]

        /// Draws `count` leaves with replacement from `0..<count`.
        init(count: Int, randomness: inout Randomness) {
            var draws = [Int32](repeating: 0, count: count)
            for _ in 0..<count {
                draws[randomness.index(below: count)] += 1
            }
            self.draws = draws
            inBag = draws.indices.filter { draws[$0] > 0 }.map(Int32.init)
            outOfBag = draws.indices.filter { draws[$0] == 0 }.map(Int32.init)
        }
    }
}
