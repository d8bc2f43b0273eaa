import Testing

@testable import Detector

@Suite("Random-forest importance: trees")
struct ImportanceTreeTests {
    private typealias Sample = RandomForestImportance.TreeSample

    /// The six leaves of the split tests, A = 0 {10, 12}, B = 1 {0}, C = 2 {11}, D = 3 {2, 4}, each drawn once.
    private static let sixLeaves = Sample(
        rows: [10, 12, 0, 11, 2, 4].map { Sample.Row(target: $0, weight: 1, draws: 1) },
        codes: [0, 0, 1, 2, 3, 3],
        width: 1
    )

    private static func grow(maximumDepth: Int) -> (tree: RandomForestImportance.Tree, impurityDecrease: [Double]) {
        let builder = RandomForestImportance.TreeBuilder(
            sample: sixLeaves,
            cardinalities: [4],
            configuration: RandomForestConfiguration(
                maximumDepth: maximumDepth,
                minimumLeafSize: 1,
                featureFraction: 1
            )
        )
        var randomness = RandomForestImportance.Randomness(seed: 0)
        return builder.grow(randomness: &randomness)
    }

    private static func predictions(_ tree: RandomForestImportance.Tree) -> [Double] {
        (0..<4).map { tree.prediction(codes: [Int32($0)], offset: 0) }
    }

    @Test("a stump splits six leaves into {B, D} and {A, C}")
    func stump() {
        let (tree, impurityDecrease) = Self.grow(maximumDepth: 1)
        #expect(tree.nodes.count == 3)
        #expect(tree.depth == 1)
        #expect(impurityDecrease == [121.5])
        #expect(Self.predictions(tree) == [11, 2, 11, 2])
    }

    @Test("a deep tree splits until its nodes are pure or cannot gain")
    func deepTree() {
        // {B, D} splits once more, into B {0} and D {2, 4} (gain 6); D has one category, and A and C have
        // the same mean, so no further split gains. 131.5 − 4 left in the leaves = 127.5.
        let (tree, impurityDecrease) = Self.grow(maximumDepth: 8)
        #expect(tree.nodes.count == 5)
        #expect(tree.depth == 2)
        #expect(impurityDecrease == [127.5])
        #expect(Self.predictions(tree) == [11, 0, 11, 3])
    }

    @Test(
        "a category the node never saw goes with the heavier child",
        arguments: [(3.0, 4.0, false), (5.0, 4.0, true)]
    )
    func unseenCategory(leftWeight: Double, rightWeight: Double, goesLeft: Bool) {
        var tree = RandomForestImportance.Tree(firstCardinality: 70)
        let split = RandomForestImportance.CategorySplit(
            categories: [1, 66, 0, 2],
            leftCount: 2,
            gain: 1,
            leftWeight: leftWeight,
            rightWeight: rightWeight
        )
        let node = tree.split(0, depth: 0, dimension: 0, cardinality: 70, split: split)
        #expect(tree.goesLeft(1, at: node))
        #expect(tree.goesLeft(66, at: node))
        #expect(!tree.goesLeft(0, at: node))
        #expect(!tree.goesLeft(2, at: node))
        #expect(tree.goesLeft(3, at: node) == goesLeft)
        #expect(tree.goesLeft(69, at: node) == goesLeft)
    }
}
