import Foundation
import Testing

@testable import Detector

@Suite("Isolation Forest")
struct IsolationForestTests {
    @Test("c(n) is scikit-learn's average path length")
    func averagePathLength() {
        #expect(IsolationForest.averagePathLength(0) == 0)
        #expect(IsolationForest.averagePathLength(1) == 0)
        #expect(IsolationForest.averagePathLength(2) == 1)
        // Reference values: sklearn.ensemble._iforest._average_path_length.
        #expect(abs(IsolationForest.averagePathLength(3) - 1.207392357589623) < 1e-12)
        #expect(abs(IsolationForest.averagePathLength(256) - 10.244770920119917) < 1e-12)
        #expect(abs(IsolationForest.averagePathLength(100_000) - 22.180282259643523) < 1e-12)
    }

    @Test(
        "height limit is ⌈log₂ ψ⌉, at least 1",
        arguments: [(1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (255, 8), (256, 8), (257, 9)]
    )
    func heightLimit(sampleSize: Int, expected: Int) {
        #expect(IsolationForest.heightLimit(sampleSize: sampleSize) == expected)
    }

    @Test("exact scores where the randomness cannot matter")
    func exactScores() async {
        // One feature, rows 0, 0, 10: every root split lies in [0, 10), so the two zeros go left into a leaf
        // that cannot split (path 1 + c(2) = 2) and 10 goes right alone (path 1).
        let data = FeatureMatrix(rows: 3, columns: 1, values: [0, 0, 10])
        for seed: UInt64 in [0, 1, 99] {
            let forest = await IsolationForest.fit(
                data,
                configuration: IsolationForestConfiguration(trees: 10, seed: seed)
            )
            let scores = await forest.scores(data)
            #expect(abs(scores[0] - 0.3172160416207152) < 1e-12)
            #expect(abs(scores[1] - 0.3172160416207152) < 1e-12)
            #expect(abs(scores[2] - 0.5632193547994557) < 1e-12)
        }
    }

    @Test("the same seed gives the same forest and scores, with any number of tasks")
    func deterministic() async {
        let data = IsolationForestFixtures.blobWithOutlier(count: 2_000)
        let configuration = IsolationForestConfiguration(trees: 37, seed: 12345)
        let reference = await IsolationForest.fit(data, configuration: configuration, tasks: 1)
        let referenceScores = await reference.scores(data, tasks: 1)
        for tasks in [1, 2, 3, 8, 64] {
            let forest = await IsolationForest.fit(data, configuration: configuration, tasks: tasks)
            #expect(forest.nodes == reference.nodes)
            #expect(forest.roots == reference.roots)
            #expect(await forest.scores(data, tasks: tasks) == referenceScores)
        }
        let again = await IsolationForest.fit(data, configuration: configuration)
        #expect(await again.scores(data) == referenceScores)
    }

    @Test("a fixed seed gives pinned scores on every machine")
    func pinnedScores() async {
        // Recorded from this implementation; a change means the random stream or the algorithm changed, and
        // every stored score computed with a seed would change with it.
        let data = IsolationForestFixtures.blobWithOutlier(count: 300)
        let forest = await IsolationForest.fit(data, configuration: IsolationForestConfiguration(trees: 10, seed: 42))
        let scores = await forest.scores(data)
        #expect(abs(scores[0] - 0.41919979354845593) < 1e-12)
        #expect(abs(scores[1] - 0.439190726851458) < 1e-12)
        #expect(abs(scores[300] - 0.8616992308646769) < 1e-12)
    }

    @Test("different seeds give different forests")
    func seedMatters() async {
        let data = IsolationForestFixtures.blobWithOutlier(count: 500)
        let first = await IsolationForest.fit(data, configuration: IsolationForestConfiguration(seed: 1))
        let second = await IsolationForest.fit(data, configuration: IsolationForestConfiguration(seed: 2))
        #expect(first.nodes != second.nodes)
        #expect(await first.scores(data) != second.scores(data))
    }

    @Test("an obvious outlier gets the top score; every score is in (0, 1]")
    func outlierScoresHighest() async throws {
        let data = IsolationForestFixtures.blobWithOutlier(count: 1_000)
        for seed: UInt64 in 0..<5 {
            let forest = await IsolationForest.fit(data, configuration: IsolationForestConfiguration(seed: seed))
            let scores = await forest.scores(data)
            #expect(scores.count == data.rows)
            #expect(scores.allSatisfy { $0 > 0 && $0 <= 1 })
            let top = try #require(scores.indices.max { scores[$0] < scores[$1] })
            #expect(top == data.rows - 1)
            #expect(scores[top] > 0.7)
        }
    }

    @Test("constant data gives every row the same score, 2^−1")
    func constantData() async {
        let data = FeatureMatrix(rows: 300, columns: 3, values: Array(repeating: 4.25, count: 900))
        let forest = await IsolationForest.fit(data, configuration: IsolationForestConfiguration())
        #expect(forest.nodes.allSatisfy { $0.isLeaf })
        let probe = FeatureMatrix(rows: 2, columns: 3, values: [4.25, 4.25, 4.25, -1e9, 0, 1e9])
        let scores = await forest.scores(data) + forest.scores(probe)
        #expect(scores.allSatisfy { $0 == scores[0] })
        #expect(abs(scores[0] - 0.5) < 1e-12)
    }

    @Test("a constant feature is never split on")
    func constantFeatureIgnored() async {
        var values: [Double] = []
        let blob = IsolationForestFixtures.gaussianBlob(count: 400, seed: 3)
        for row in 0..<400 {
            values += [7, blob[2 * row]]
        }
        let data = FeatureMatrix(rows: 400, columns: 2, values: values)
        let forest = await IsolationForest.fit(data, configuration: IsolationForestConfiguration(seed: 5))
        #expect(forest.nodes.allSatisfy { $0.isLeaf || $0.feature == 1 })
        #expect(forest.nodes.contains { !$0.isLeaf })
    }

    @Test("a split takes a varying feature uniformly and a value uniformly in its range")
    func splitDistribution() async {
        // 256 rows, so every tree sees all of them: at the root, feature 1 is constant and features 0, 2 and 3
        // range over [0, 255].
        let rows = 256
        let values = (0..<rows)
            .flatMap { row -> [Double] in
                [Double(row), 1, Double((row * 7) % rows), Double(rows - 1 - row)]
            }
        let data = FeatureMatrix(rows: rows, columns: 4, values: values)
        let forest = await IsolationForest.fit(
            data,
            configuration: IsolationForestConfiguration(trees: 1_200, seed: 21)
        )
        let roots = forest.roots.map { forest.nodes[Int($0)] }
        let perFeature = Dictionary(grouping: roots) { $0.feature }.mapValues { $0.count }
        #expect(perFeature[1] == nil)
        // Binomial(1200, 1/3): mean 400, standard deviation about 16.
        #expect([0, 2, 3].allSatisfy { abs((perFeature[Int32($0)] ?? 0) - 400) < 80 })
        let splits = roots.map { $0.split }
        #expect(splits.allSatisfy { (0..<255).contains($0) })
        let lowQuarter = Double(splits.filter { $0 < 63.75 }.count) / Double(splits.count)
        let highQuarter = Double(splits.filter { $0 >= 191.25 }.count) / Double(splits.count)
        // Each share is about 0.25 with a standard deviation of 0.0125.
        #expect(abs(lowQuarter - 0.25) < 0.06 && abs(highQuarter - 0.25) < 0.06)
    }

    @Test("trees respect the subsample, the height limit, the node layout and the leaves' path lengths")
    func treeShape() async {
        let data = IsolationForestFixtures.blobWithOutlier(count: 3_000)
        let forest = await IsolationForest.fit(data, configuration: IsolationForestConfiguration(trees: 20, seed: 9))
        #expect(forest.sampleSize == 256)
        #expect(forest.roots.count == 20)
        #expect(forest.nodes.count == forest.pathLengths.count)
        var deepest = 0
        for root in forest.roots {
            #expect(forest.nodes[Int(root)].size == 256)
            var leafRows = 0
            var pending = [(index: Int(root), depth: 0)]
            while let (index, depth) = pending.popLast() {
                let node = forest.nodes[index]
                #expect(depth <= 8)
                if node.isLeaf {
                    leafRows += Int(node.size)
                    deepest = max(deepest, depth)
                    // The blob's values are distinct, so only the height limit stops a leaf of several rows.
                    #expect(node.size == 1 || depth == 8)
                    #expect(node.left == Int32(index) && node.right == Int32(index) && node.split == .infinity)
                    let pathLength = Double(depth) + IsolationForest.averagePathLength(Int(node.size))
                    #expect(forest.pathLengths[index] == pathLength)
                    continue
                }
                let (left, right) = (forest.nodes[Int(node.left)], forest.nodes[Int(node.right)])
                #expect(node.right == node.left + 1)
                #expect(left.size > 0 && right.size > 0 && left.size + right.size == node.size)
                pending += [(Int(node.left), depth + 1), (Int(node.right), depth + 1)]
            }
            #expect(leafRows == 256)
        }
        #expect(forest.depth == deepest)
    }

    @Test("scoring walks agree with a plain walk to the leaf")
    func scoresMatchPlainWalk() async {
        let data = IsolationForestFixtures.blobWithOutlier(count: 700)
        let forest = await IsolationForest.fit(
            data,
            configuration: IsolationForestConfiguration(trees: 13, subsampleSize: 100, seed: 4)
        )
        // 701 rows: the eight-row groups and the leftover rows both run.
        let scores = await forest.scores(data, tasks: 3)
        for row in 0..<data.rows {
            var total = 0.0
            for root in forest.roots {
                var index = Int(root)
                var depth = 0
                while !forest.nodes[index].isLeaf {
                    let node = forest.nodes[index]
                    index = Int(data[row, Int(node.feature)] <= node.split ? node.left : node.right)
                    depth += 1
                }
                total += Double(depth) + IsolationForest.averagePathLength(Int(forest.nodes[index].size))
            }
            let expected = pow(2, -total / (13 * IsolationForest.averagePathLength(100)))
            #expect(abs(scores[row] - expected) < 1e-15)
        }
    }

    @Test("small training sets use every row; a one-row set scores 0.5 as scikit-learn does")
    func smallTrainingSets() async {
        let data = FeatureMatrix(rows: 40, columns: 2, values: IsolationForestFixtures.gaussianBlob(count: 40, seed: 1))
        let forest = await IsolationForest.fit(data, configuration: IsolationForestConfiguration(seed: 3))
        #expect(forest.sampleSize == 40)
        #expect(forest.roots.allSatisfy { forest.nodes[Int($0)].size == 40 })

        let single = FeatureMatrix(rows: 1, columns: 2, values: [1, 2])
        let tiny = await IsolationForest.fit(single, configuration: IsolationForestConfiguration())
        #expect(await tiny.scores(data).allSatisfy { $0 == 0.5 })
    }

    @Test("the subsample is drawn without replacement")
    func distinctIndices() {
        var randomness = TreeRandomness(forestSeed: 4, tree: 2)
        for (count, population) in [(256, 300), (256, 100_000), (10, 10), (0, 5), (1, 1)] {
            let drawn = randomness.distinctIndices(count, below: population)
            #expect(drawn.count == count)
            #expect(Set(drawn).count == count)
            #expect(drawn.allSatisfy { (0..<population).contains($0) })
        }
    }

    @Test("bounded random integers are uniform")
    func uniformIndex() {
        var randomness = TreeRandomness(forestSeed: 0, tree: 0)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 {
            counts[randomness.index(below: 6)] += 1
        }
        // Each count is Binomial(60000, 1/6): mean 10000, standard deviation about 91.
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
    }

    @Test("threshold is scikit-learn's offset_ quantile")
    func threshold() async {
        let scores = [0.3, 0.1, 0.9, 0.5, 0.7, 0.2, 1.0, 0.4, 0.8, 0.6]
        let forest = await IsolationForest.fit(
            FeatureMatrix(rows: 1, columns: 1, values: [0]),
            configuration: IsolationForestConfiguration()
        )
        // Reference values: -np.percentile(-scores, 100 * contamination).
        #expect(forest.threshold(trainingScores: scores) == 0.955)
        #expect(forest.threshold(trainingScores: [0.52, 0.48, 0.61, 0.47, 0.75]) == 0.722)
        var configuration = forest.configuration
        configuration.contamination = 0.25
        let quarter = await IsolationForest.fit(
            FeatureMatrix(rows: 1, columns: 1, values: [0]),
            configuration: configuration
        )
        #expect(quarter.threshold(trainingScores: [0.52, 0.48, 0.61, 0.47, 0.75]) == 0.61)
        #expect(IsolationForest.quantile(scores, at: 0) == 0.1)
        #expect(IsolationForest.quantile(scores, at: 1) == 1.0)
        #expect(IsolationForest.quantile([3], at: 0.4) == 3)
    }

    @Test("the threshold flags about the contamination share of the training rows")
    func thresholdShare() async {
        let data = IsolationForestFixtures.blobWithOutlier(count: 999)
        let forest = await IsolationForest.fit(
            data,
            configuration: IsolationForestConfiguration(seed: 8, contamination: 0.05)
        )
        let scores = await forest.scores(data)
        let threshold = forest.threshold(trainingScores: scores)
        #expect(scores.filter { $0 > threshold }.count == 50)
        #expect(scores[data.rows - 1] > threshold)
    }
}
