/// How much each dimension of a set of leaves explains their change in spend, measured by a regression random
/// forest.
///
/// Each leaf is one combination of dimension values (directorate × cost centre × GL account × supplier, say)
/// and its target is the leaf's change in spend between two periods. The forest grows CART regression trees on
/// bootstrap samples of the leaves, splitting on categorical dimensions, and reports two measures per
/// dimension, explained on ``DimensionImportance``: the mean decrease in impurity and the out-of-bag
/// permutation importance.
public enum RandomForestImportance {
    /// Fits the forest and returns one ``DimensionImportance`` per dimension, in dimension order.
    ///
    /// - Parameters:
    ///   - codes: `codes[d][i]` is the code of leaf `i` in dimension `d`, from 0 up; every dimension has one
    ///     code per leaf.
    ///   - target: Each leaf's change in spend; finite.
    ///   - weights: How much each leaf counts in every sum of squares, positive and finite; nil weighs all
    ///     leaves equally.
    ///   - configuration: The forest's settings and seed.
    /// - Returns: One importance per dimension, in dimension order.
    public static func importance(
        codes: [[Int32]],
        target: [Double],
        weights: [Double]? = nil,
        configuration: RandomForestConfiguration = RandomForestConfiguration()
    ) async -> [DimensionImportance] {
        await importance(
            codes: codes,
            target: target,
            weights: weights,
            configuration: configuration,
            tasks: defaultTaskCount
        )
    }

    /// ``importance(codes:target:weights:configuration:)`` grown by at most `tasks` child tasks; the result
    /// does not depend on `tasks`.
    static func importance(
        codes: [[Int32]],
        target: [Double],
        weights: [Double]? = nil,
        configuration: RandomForestConfiguration,
        tasks: Int
    ) async -> [DimensionImportance] {
        precondition(configuration.trees > 0, "the forest needs at least one tree")
        precondition(configuration.maximumDepth >= 0, "the maximum depth must not be negative")
        precondition(configuration.minimumLeafSize > 0, "the minimum leaf size must be positive")
        precondition(configuration.samplesPerTree > 0, "a tree must draw at least one leaf")
        precondition(
            configuration.featureFraction > 0 && configuration.featureFraction <= 1,
            "the feature fraction must be in (0, 1]"
        )
        let leaves = Leaves(codes: codes, target: target, weights: weights)
        guard leaves.count > 0 else {
            return combine([], dimensionCount: leaves.dimensionCount)
        }
        let seeds = Randomness.treeSeeds(forestSeed: configuration.seed, count: configuration.trees)
        let results = await mapTrees(count: configuration.trees, tasks: tasks) { tree in
            TreeResult(leaves: leaves, configuration: configuration, seed: seeds[tree])
        }
        return combine(results, dimensionCount: leaves.dimensionCount)
    }

    /// Sums the trees' contributions in tree order, so that the totals do not depend on the tasks, and turns
    /// them into shares and means.
    private static func combine(_ results: [TreeResult], dimensionCount: Int) -> [DimensionImportance] {
        var decrease = Array(repeating: 0.0, count: dimensionCount)
        var increase = Array(repeating: 0.0, count: dimensionCount)
        var measuredTrees = 0
        for result in results {
            for dimension in 0..<dimensionCount {
                decrease[dimension] += result.impurityDecrease[dimension]
            }
            guard let permutation = result.permutationIncrease else { continue }
            measuredTrees += 1
            for dimension in 0..<dimensionCount {
                increase[dimension] += permutation[dimension]
            }
        }
        let totalDecrease = decrease.reduce(0, +)
        return (0..<dimensionCount)
            .map { dimension in
                DimensionImportance(
                    dimension: dimension,
                    importance: totalDecrease > 0 ? decrease[dimension] / totalDecrease : 0,
                    permutationIncrease: measuredTrees > 0 ? increase[dimension] / Double(measuredTrees) : nil
                )
            }
    }
}
