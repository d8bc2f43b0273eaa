import Shared
import Testing

@testable import Detector

@Suite("Random-forest importance: categorical splits")
struct ImportanceSplitTests {
    private typealias Sample = RandomForestImportance.TreeSample

    /// Six leaves in four categories: A = 0 {10, 12}, B = 1 {0}, C = 2 {11}, D = 3 {2, 4}.
    ///
    /// Sorted by mean the categories run B (0), D (3), A (11), C (11), and the best cut is {B, D} | {A, C}:
    /// means 2 and 11, SSE 8 + 2 = 10 against 131.5 for the node, a reduction of 121.5. The best cut in code
    /// order, {A} | {B, C, D}, reduces it by only 60.75.
    private static let sixLeaves = sample(codes: [0, 0, 1, 2, 3, 3], targets: [10, 12, 0, 11, 2, 4])

    @Test("the mean ordering finds the optimal split of six leaves, with the exact SSE reduction")
    func sixLeafSplit() throws {
        let split = try #require(Self.bestSplit(Self.sixLeaves, minimumLeafSize: 1))
        #expect(split.gain == 121.5)
        #expect(Array(split.leftCategories) == [1, 3])
        #expect(Array(split.rightCategories) == [0, 2])
        #expect(split.leftWeight == 3)
        #expect(split.rightWeight == 3)
        #expect(Self.bruteForceBestGain(Self.sixLeaves, minimumLeafSize: 1) == 121.5)
    }

    @Test("a split must leave each child the minimum number of draws")
    func minimumLeafSize() throws {
        let split = try #require(Self.bestSplit(Self.sixLeaves, minimumLeafSize: 3))
        #expect(split.gain == 121.5)
        #expect(Self.bestSplit(Self.sixLeaves, minimumLeafSize: 4) == nil)
        // Rows 2..<6 hold B {0}, C {11}, D {2, 4}; in mean order B, D, C every cut leaves one side a single
        // draw. ({B, C} | {D} has two a side, but like every CART implementation the finder only cuts the
        // mean order.)
        #expect(Self.bestSplit(Self.sixLeaves, rows: 2..<6, minimumLeafSize: 2) == nil)
    }

    @Test("a node with one category cannot split")
    func singleCategory() {
        #expect(Self.bestSplit(Self.sixLeaves, rows: 0..<2, minimumLeafSize: 1) == nil)
    }

    @Test("the mean-order scan matches exhaustive search on random weighted nodes", arguments: 0..<40)
    func matchesBruteForce(seed: UInt64) throws {
        let sample = Self.randomSample(seed: seed)
        let split = try #require(Self.bestSplit(sample, minimumLeafSize: 1))
        let expected = try #require(Self.bruteForceBestGain(sample, minimumLeafSize: 1))
        #expect(abs(split.gain - expected) <= 1e-9 * expected)
    }

    @Test("with a minimum leaf size, the split found leaves both sides enough draws", arguments: 0..<40)
    func respectsMinimumLeafSize(seed: UInt64) throws {
        let sample = Self.randomSample(seed: seed)
        let minimumLeafSize = 2 + Int(seed % 5)
        guard let split = Self.bestSplit(sample, minimumLeafSize: minimumLeafSize) else {
            return
        }
        let left = Set(split.leftCategories)
        let leftDraws = sample.rows.indices.filter { left.contains(sample.code(at: $0, in: 0)) }
            .map { Int(sample.rows[$0].draws) }.reduce(0, +)
        let allDraws = sample.rows.map { Int($0.draws) }.reduce(0, +)
        #expect(leftDraws >= minimumLeafSize)
        #expect(allDraws - leftDraws >= minimumLeafSize)
        let exact =
            Self.squaredError(sample, Array(sample.rows.indices))
            - Self.squaredError(sample, sample.rows.indices.filter { left.contains(sample.code(at: $0, in: 0)) })
            - Self.squaredError(sample, sample.rows.indices.filter { !left.contains(sample.code(at: $0, in: 0)) })
        #expect(abs(split.gain - exact) <= 1e-9 * exact)
    }

    @Test(
        "categories sort by mean, stably, on both sides of the radix threshold",
        arguments: [0, 1, 2, 17, 64, 65, 300, 5_000]
    )
    func meanOrder(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count))
        // Few distinct values, of both signs and with both zeros, so that ties are common.
        let values: [Double] = [-3.5, -1e-300, -0.0, 0.0, 1e-300, 0.25, 7, 1e12]
        let means = (0..<count).map { _ in values[Int(generator.next() % UInt64(values.count))] }
        var ranked = means.enumerated().map { RandomForestImportance.RankedCategory(mean: $1, code: Int32($0)) }
        var sorter = RandomForestImportance.MeanOrderSorter()
        sorter.sort(&ranked)
        // By value, −0 before +0, then by position.
        func key(_ index: Int) -> (Double, Int, Int) { (means[index], means[index].sign == .minus ? 0 : 1, index) }
        #expect(ranked.map { Int($0.code) } == means.indices.sorted { key($0) < key($1) })
    }

    /// A one-dimension sample with one draw and weight 1 per row.
    private static func sample(codes: [Int32], targets: [Double]) -> Sample {
        Sample(rows: targets.map { Sample.Row(target: $0, weight: 1, draws: 1) }, codes: codes, width: 1)
    }

    /// The best split of the rows `rows` (all by default) of a one-dimension sample.
    private static func bestSplit(
        _ sample: Sample,
        rows: Range<Int>? = nil,
        minimumLeafSize: Int
    ) -> RandomForestImportance.CategorySplit? {
        let rows = rows ?? sample.rows.indices
        let nodeRows = sample.rows[rows]
        let mean = nodeRows.map { $0.weight * $0.target }.reduce(0, +) / nodeRows.map(\.weight).reduce(0, +)
        let cardinality = Int(rows.map { sample.code(at: $0, in: 0) }.max() ?? -1) + 1
        var finder = RandomForestImportance.CategorySplitFinder(maximumCardinality: cardinality)
        return finder.bestSplit(
            of: rows,
            in: sample,
            dimension: 0,
            nodeMean: mean,
            minimumLeafSize: minimumLeafSize
        )
    }

    /// A random one-dimension node of 4 to 33 rows in 2 to 7 categories, with random weights and draws.
    private static func randomSample(seed: UInt64) -> Sample {
        var generator = SeededGenerator(seed: seed)
        let categoryCount = 2 + Int(generator.next() % 6)
        var rows: [Sample.Row] = []
        var codes: [Int32] = []
        for row in 0..<4 + Int(generator.next() % 30) {
            let draws = Int32(1 + generator.next() % 3)
            let weight = (0.25 + generator.nextUnit()) * Double(draws)
            rows.append(Sample.Row(target: 100 * generator.nextUnit() - 50, weight: weight, draws: draws))
            // The first two rows guarantee two categories.
            codes.append(row < 2 ? Int32(row) : Int32(generator.next() % UInt64(categoryCount)))
        }
        return Sample(rows: rows, codes: codes, width: 1)
    }

    /// The largest SSE reduction over every division of the categories of `sample` into two non-empty groups
    /// that leaves each side `minimumLeafSize` draws; nil when there is none.
    private static func bruteForceBestGain(_ sample: Sample, minimumLeafSize: Int) -> Double? {
        let positions = Array(sample.rows.indices)
        let categories = Array(Set(positions.map { sample.code(at: $0, in: 0) })).sorted()
        var best: Double?
        for mask in 1..<(1 << categories.count) - 1 {
            let left = Set(categories.indices.filter { mask >> $0 & 1 == 1 }.map { categories[$0] })
            let sides = Dictionary(grouping: positions) { left.contains(sample.code(at: $0, in: 0)) }
            let draws = sides.mapValues { $0.map { Int(sample.rows[$0].draws) }.reduce(0, +) }
            guard draws.values.allSatisfy({ $0 >= minimumLeafSize }) else { continue }
            let gain = squaredError(sample, positions) - sides.values.map { squaredError(sample, $0) }.reduce(0, +)
            best = max(best ?? gain, gain)
        }
        return best
    }

    /// The weighted sum of squared deviations from the weighted mean of the rows at `positions`.
    private static func squaredError(_ sample: Sample, _ positions: [Int]) -> Double {
        let rows = positions.map { sample.rows[$0] }
        let mean = rows.map { $0.weight * $0.target }.reduce(0, +) / rows.map(\.weight).reduce(0, +)
        return rows.map { $0.weight * ($0.target - mean) * ($0.target - mean) }.reduce(0, +)
    }
}
