import Shared
import Testing

@testable import Detector

@Suite("Random-forest importance")
struct ImportanceTests {
    /// Leaves with random codes in dimensions of the given cardinalities; each leaf's target is `target` of
    /// its codes.
    private static func leaves(
        count: Int,
        cardinalities: [Int],
        seed: UInt64,
        target: ([Int32]) -> Double
    ) -> (codes: [[Int32]], target: [Double]) {
        var generator = SeededGenerator(seed: seed)
        var codes = cardinalities.map { _ in [Int32]() }
        var targets: [Double] = []
        for _ in 0..<count {
            let leaf = cardinalities.map { Int32(generator.next() % UInt64($0)) }
            for (dimension, code) in leaf.enumerated() {
                codes[dimension].append(code)
            }
            targets.append(target(leaf))
        }
        return (codes, targets)
    }

    /// Each dimension's share of the total positive permutation increase.
    private static func permutationShares(_ importances: [DimensionImportance]) throws -> [Double] {
        let increases = try importances.map { try #require($0.permutationIncrease) }
        let total = increases.map { max($0, 0) }.reduce(0, +)
        return increases.map { $0 / total }
    }

    private static let configuration = RandomForestConfiguration(trees: 40, seed: 7)

    @Test("a target that depends on one dimension puts over 90% of both measures on it")
    func singleInformativeDimension() async throws {
        let effects = (0..<12).map { Double($0 * $0 % 7) * 10 }
        let data = Self.leaves(count: 2_000, cardinalities: [6, 12, 10, 20], seed: 1) { effects[Int($0[1])] }
        let result = await RandomForestImportance.importance(
            codes: data.codes,
            target: data.target,
            configuration: Self.configuration
        )
        #expect(result.map(\.dimension) == [0, 1, 2, 3])
        #expect(result[1].importance > 0.9)
        #expect(try Self.permutationShares(result)[1] > 0.9)
        #expect(abs(result.map(\.importance).reduce(0, +) - 1) < 1e-12)
    }

    @Test("two equally informative dimensions get roughly equal shares")
    func twoInformativeDimensions() async throws {
        let data = Self.leaves(count: 3_000, cardinalities: [10, 25, 10, 80], seed: 2) {
            Double($0[0] % 2) * 10 + Double($0[2] % 2) * 10
        }
        let result = await RandomForestImportance.importance(
            codes: data.codes,
            target: data.target,
            configuration: Self.configuration
        )
        let shares = try Self.permutationShares(result)
        for measure in [result.map(\.importance), shares] {
            #expect((0.4...0.6).contains(measure[0]))
            #expect((0.4...0.6).contains(measure[2]))
            #expect(abs(measure[0] - measure[2]) < 0.1)
            #expect(measure[1] + measure[3] < 0.08)
        }
    }

    @Test("a constant target gives every dimension zero on both measures")
    func constantTarget() async {
        let data = Self.leaves(count: 500, cardinalities: [5, 50], seed: 3) { _ in 1234.5 }
        let result = await RandomForestImportance.importance(
            codes: data.codes,
            target: data.target,
            configuration: Self.configuration
        )
        #expect(
            result == [
                DimensionImportance(dimension: 0, importance: 0, permutationIncrease: 0),
                DimensionImportance(dimension: 1, importance: 0, permutationIncrease: 0),
            ]
        )
    }

    @Test("no leaves give zero importances and no permutation measure")
    func noLeaves() async {
        let result = await RandomForestImportance.importance(
            codes: [[], []],
            target: [],
            configuration: Self.configuration
        )
        #expect(
            result == [
                DimensionImportance(dimension: 0, importance: 0, permutationIncrease: nil),
                DimensionImportance(dimension: 1, importance: 0, permutationIncrease: nil),
            ]
        )
    }

    @Test("the same seed gives identical results with any number of tasks; another seed does not")
    func deterministic() async {
        let data = Self.leaves(count: 1_500, cardinalities: [4, 30, 200], seed: 4) {
            Double($0[1]) + Double($0[2] % 3)
        }
        let configuration = RandomForestConfiguration(trees: 23, seed: 99)
        let reference = await RandomForestImportance.importance(
            codes: data.codes,
            target: data.target,
            configuration: configuration,
            tasks: 1
        )
        for tasks in [2, 3, 8, 64] {
            let result = await RandomForestImportance.importance(
                codes: data.codes,
                target: data.target,
                configuration: configuration,
                tasks: tasks
            )
            #expect(result == reference)
        }
        var reseeded = configuration
        reseeded.seed = 100
        let other = await RandomForestImportance.importance(
            codes: data.codes,
            target: data.target,
            configuration: reseeded,
            tasks: 1
        )
        #expect(other != reference)
    }

    @Test("weights decide which leaves matter")
    func weights() async throws {
        // Dimension 0 explains the leaves with code 0 in dimension 2, dimension 1 the others.
        let data = Self.leaves(count: 2_000, cardinalities: [8, 8, 2], seed: 5) { codes in
            codes[2] == 0 ? Double(codes[0] % 2) * 10 : Double(codes[1] % 2) * 10
        }
        let unweighted = await RandomForestImportance.importance(
            codes: data.codes,
            target: data.target,
            configuration: Self.configuration
        )
        #expect((0.5...2).contains(unweighted[0].importance / unweighted[1].importance))
        let firstHalfHeavy = data.codes[2].map { $0 == 0 ? 100.0 : 1 }
        let weighted = await RandomForestImportance.importance(
            codes: data.codes,
            target: data.target,
            weights: firstHalfHeavy,
            configuration: Self.configuration
        )
        let shares = try Self.permutationShares(weighted)
        #expect(weighted[0].importance > 10 * weighted[1].importance)
        #expect(shares[0] > 10 * shares[1])
    }

    @Test("impurity importance favours a high-cardinality noise dimension; permutation importance does not")
    func highCardinalityBias() async throws {
        var noise = SeededGenerator(seed: 60)
        let data = Self.leaves(count: 3_000, cardinalities: [5, 2_000], seed: 6) { codes in
            Double(codes[0]) + 4 * noise.nextUnit()
        }
        let result = await RandomForestImportance.importance(
            codes: data.codes,
            target: data.target,
            configuration: Self.configuration
        )
        let shares = try Self.permutationShares(result)
        #expect(result[1].importance > 0.3)
        #expect(shares[1] < 0.05)
    }

    @Test("a tree over more leaves than samplesPerTree draws that many and is scored on as many it did not draw")
    func bootstrapLimit() {
        var randomness = RandomForestImportance.Randomness(seed: 8)
        let limited = RandomForestImportance.Bootstrap(count: 10_000, limit: 1_000, randomness: &randomness)
        #expect(limited.draws.reduce(0, +) == 1_000)
        #expect(limited.inBag.allSatisfy { limited.draws[Int($0)] > 0 })
        #expect(limited.outOfBag.count == 1_000)
        #expect(limited.outOfBag == limited.outOfBag.sorted() && Set(limited.outOfBag).count == 1_000)
        #expect(limited.outOfBag.allSatisfy { limited.draws[Int($0)] == 0 })

        let whole = RandomForestImportance.Bootstrap(count: 500, limit: 1_000, randomness: &randomness)
        #expect(whole.draws.reduce(0, +) == 500)
        #expect(whole.inBag.count + whole.outOfBag.count == 500)
        #expect(whole.outOfBag.allSatisfy { whole.draws[Int($0)] == 0 })
    }

    @Test("trees of 2,000 draws over 40,000 leaves find the informative dimensions of the whole forest")
    func samplesPerTree() async throws {
        let data = Self.leaves(count: 40_000, cardinalities: [10, 25, 10, 80], seed: 9) {
            Double($0[0] % 2) * 10 + Double($0[2] % 2) * 10 + Double($0[3] % 3)
        }
        var sampled = Self.configuration
        sampled.samplesPerTree = 2_000
        var whole = Self.configuration
        whole.samplesPerTree = 40_000
        let fromSample = await RandomForestImportance.importance(
            codes: data.codes,
            target: data.target,
            configuration: sampled
        )
        let fromAll = await RandomForestImportance.importance(
            codes: data.codes,
            target: data.target,
            configuration: whole
        )
        #expect(fromSample != fromAll)
        let (sampleShares, allShares) = (try Self.permutationShares(fromSample), try Self.permutationShares(fromAll))
        for dimension in 0..<4 {
            #expect(abs(fromSample[dimension].importance - fromAll[dimension].importance) < 0.05)
            #expect(abs(sampleShares[dimension] - allShares[dimension]) < 0.05)
        }
        #expect(sampleShares[0] > 0.3 && sampleShares[2] > 0.3 && sampleShares[1] < 0.02)
    }
}
