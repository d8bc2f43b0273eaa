import Shared

/// The random stream of one tree: its own generator, seeded from the forest's seed and the tree's index, so a
/// tree does not depend on which task grows it or on the trees grown before it.
struct TreeRandomness {
    private var generator: SeededGenerator

    /// The stream of tree number `tree` of the forest seeded with `seed`.
    init(forestSeed seed: UInt64, tree: Int) {
        generator = SeededGenerator(seed: Self.mix(seed ^ Self.mix(UInt64(tree) &+ 1)))
    }

    /// A uniformly distributed integer in `0..<bound` (Lemire's multiply-and-reject method).
    mutating func index(below bound: Int) -> Int {
        generator.uniformIndex(below: bound)
    }

    /// A uniformly distributed `Double` in `[0, 1)`.
    mutating func unit() -> Double {
        generator.nextUnit()
    }

    /// `count` distinct integers drawn uniformly from `0..<population`, in the order drawn (Floyd's algorithm).
    mutating func distinctIndices(_ count: Int, below population: Int) -> [Int] {
        precondition((0...population).contains(count), "cannot draw \(count) of \(population)")
        var drawn = Set<Int>(minimumCapacity: count)
        var order: [Int] = []
        order.reserveCapacity(count)
        for candidate in (population - count)..<population {
            let pick = index(below: candidate + 1)
            let chosen = drawn.contains(pick) ? candidate : pick
            drawn.insert(chosen)
            order.append(chosen)
        }
        return order
    }

    /// The SplitMix64 finaliser: a bijection of 64-bit words that scatters neighbouring inputs.
    private static func mix(_ word: UInt64) -> UInt64 {
        var z = word &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
