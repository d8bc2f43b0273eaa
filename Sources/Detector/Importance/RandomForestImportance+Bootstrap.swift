extension RandomForestImportance {
    /// One tree's bootstrap sample: as many draws with replacement as there are leaves, or `limit` draws when
    /// there are more leaves than that.
    struct Bootstrap {
        /// How many times each leaf was drawn.
        let draws: [Int32]
        /// The leaves drawn at least once, in increasing order.
        let inBag: [Int32]
        /// The leaves the tree is scored on, in increasing order: every leaf never drawn, or `limit` of them
        /// chosen at random when more were not drawn.
        let outOfBag: [Int32]

        /// Draws `min(count, limit)` leaves with replacement from `0..<count`.
        init(count: Int, limit: Int, randomness: inout Randomness) {
            var draws = [Int32](repeating: 0, count: count)
            for _ in 0..<min(count, limit) {
                draws[randomness.index(below: count)] += 1
            }
            self.draws = draws
            inBag = draws.indices.filter { draws[$0] > 0 }.map(Int32.init)
            let notDrawn = draws.indices.filter { draws[$0] == 0 }.map(Int32.init)
            guard notDrawn.count > limit else {
                outOfBag = notDrawn
                return
            }
            // `limit` positions of `notDrawn` chosen uniformly, then taken in increasing order without a sort.
            var positions = Array(notDrawn.indices)
            randomness.shuffleFront(limit, of: &positions)
            var chosen = [Bool](repeating: false, count: notDrawn.count)
            for position in positions[..<limit] {
                chosen[position] = true
            }
            outOfBag = notDrawn.indices.filter { chosen[$0] }.map { notDrawn[$0] }
        }
    }
}
