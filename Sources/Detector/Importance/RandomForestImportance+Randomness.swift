import Shared

extension RandomForestImportance {
    /// The random stream of one tree. Each tree gets its own seed, drawn up front from the forest's seed, so a
    /// tree does not depend on which task grows it. The integer and shuffle algorithms are written out here
    /// rather than taken from the standard library, whose algorithms may change between Swift releases.
    struct Randomness {
        private var generator: SeededGenerator

        /// The stream seeded with `seed`.
        init(seed: UInt64) {
            generator = SeededGenerator(seed: seed)
        }

        /// One seed per tree, determined by the forest's seed.
        static func treeSeeds(forestSeed: UInt64, count: Int) -> [UInt64] {
            var generator = SeededGenerator(seed: forestSeed)
            return (0..<count).map { _ in generator.next() }
        }

        /// A uniformly distributed integer in `0..<bound` (Lemire's multiply-and-reject method).
        mutating func index(below bound: Int) -> Int {
            generator.uniformIndex(below: bound)
        }

        /// Moves a uniformly chosen `count` of the elements, in random order, to the front of `values`
        /// (the first `count` steps of a Fisher–Yates shuffle).
        mutating func shuffleFront<Element>(_ count: Int, of values: inout [Element]) {
            for position in 0..<min(count, values.count) {
                values.swapAt(position, position + index(below: values.count - position))
            }
        }

        /// Puts `values` in uniformly random order (Fisher–Yates).
        mutating func shuffle<Element>(_ values: inout [Element]) {
            shuffleFront(values.count, of: &values)
        }
    }
}
