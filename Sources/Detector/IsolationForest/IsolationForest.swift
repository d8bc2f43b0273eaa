import Foundation

/// An Isolation Forest (Liu, Ting & Zhou 2008) that scores how easily each row is isolated from the others,
/// matching scikit-learn's `IsolationForest` with its default settings.
///
/// Each tree is grown on its own subsample of the training rows by random axis-parallel splits. Anomalies are
/// few and different, so random splits separate them close to the root: a short average path length means a
/// high score. Trees are grown and rows scored in parallel; the result depends only on the data and the seed.
public struct IsolationForest: Sendable {
    /// The settings the forest was grown with.
    public let configuration: IsolationForestConfiguration
    /// The number of training rows each tree was grown on: `min(configuration.subsampleSize, training rows)`.
    public let sampleSize: Int
    /// The number of features of the training data; data to score must have the same columns.
    public let columns: Int
    /// The nodes of every tree, tree after tree; child indices point into this array.
    let nodes: [Node]
    /// For each leaf in `nodes`, the path length h of a row that ends there (see ``Tree/pathLengths``).
    let pathLengths: [Double]
    /// The index in `nodes` of each tree's root.
    let roots: [Int32]
    /// The depth of the deepest leaf of all trees: after this many steps every row has reached its leaf.
    let depth: Int

    /// Grows a forest on the rows of `data`, using every core. Every value must be finite.
    public static func fit(
        _ data: FeatureMatrix,
        configuration: IsolationForestConfiguration
    ) async -> IsolationForest {
        await fit(data, configuration: configuration, tasks: defaultTaskCount)
    }

    /// Grows a forest on the rows of `data` in `tasks` concurrent tasks; the trees do not depend on `tasks`.
    static func fit(
        _ data: FeatureMatrix,
        configuration: IsolationForestConfiguration,
        tasks: Int
    ) async -> IsolationForest {
        precondition(data.rows > 0, "an Isolation Forest needs at least one training row")
        requireFinite(data)
        precondition(configuration.trees > 0, "an Isolation Forest needs at least one tree")
        precondition(configuration.subsampleSize > 0, "the subsample size must be positive")
        let sampleSize = min(configuration.subsampleSize, data.rows)
        let heightLimit = Self.heightLimit(sampleSize: sampleSize)
        let parts = await mapParts(count: configuration.trees, tasks: tasks) { trees in
            trees.map { tree in
                IsolationTreeBuilder.grow(
                    on: data,
                    sampleSize: sampleSize,
                    heightLimit: heightLimit,
                    randomness: TreeRandomness(forestSeed: configuration.seed, tree: tree)
                )
            }
        }
        var nodes: [Node] = []
        var pathLengths: [Double] = []
        var roots: [Int32] = []
        for tree in parts.joined() {
            precondition(nodes.count + tree.nodes.count <= Int(Int32.max), "the forest has too many nodes")
            let offset = Int32(nodes.count)
            roots.append(offset)
            nodes += tree.nodes.lazy.map { $0.shifted(by: offset) }
            pathLengths += tree.pathLengths
        }
        return IsolationForest(
            configuration: configuration,
            sampleSize: sampleSize,
            columns: data.columns,
            nodes: nodes,
            pathLengths: pathLengths,
            roots: roots,
            depth: parts.joined().map(\.depth).max() ?? 0
        )
    }

    /// The anomaly score s(x) = 2^(−E[h(x)] / c(ψ)) of every row of `data`, in (0, 1]: higher is more anomalous,
    /// around 0.5 or below is normal. E[h(x)] is the row's path length averaged over the trees and ψ the
    /// subsample size. `data` must have the training data's columns and finite values. Uses every core.
    public func scores(_ data: FeatureMatrix) async -> [Double] {
        await scores(data, tasks: Self.defaultTaskCount)
    }

    /// The scores of the rows of `data`, computed in `tasks` concurrent tasks; they do not depend on `tasks`.
    func scores(_ data: FeatureMatrix, tasks: Int) async -> [Double] {
        precondition(data.columns == columns, "the forest was trained on \(columns) columns, not \(data.columns)")
        Self.requireFinite(data)
        // Total path length over all trees, for the average path length of a random row (scikit-learn's
        // denominator; for a one-row subsample it is 0 and every score is 2^−1, as in scikit-learn).
        let normaliser = Double(roots.count) * Self.averagePathLength(sampleSize)
        let parts = await Self.mapParts(count: data.rows, tasks: tasks) { rows in
            pathLengthSums(of: data, rows: rows).map { sum in normaliser > 0 ? exp2(-sum / normaliser) : 0.5 }
        }
        return Array(parts.joined())
    }

    /// The score above which a row counts as anomalous: the (1 − contamination) quantile of the training rows'
    /// scores, interpolated linearly. It is computed as scikit-learn computes `offset_`, the contamination
    /// quantile of the negated scores, so the two agree to the last bit on the same scores.
    public func threshold(trainingScores: [Double]) -> Double {
        -Self.quantile(trainingScores.map { -$0 }, at: configuration.contamination)
    }

    /// Stops the program unless `data` is whole and finite: the walks rely on it (a leaf's split is +∞).
    private static func requireFinite(_ data: FeatureMatrix) {
        precondition(data.values.count == data.rows * data.columns, "the matrix's values do not fill it")
        precondition(data.values.allSatisfy { $0.isFinite }, "an Isolation Forest needs finite values")
    }

    /// ⌈log₂ ψ⌉ for a subsample of ψ rows (at least 1): the depth at which a tree stops growing.
    static func heightLimit(sampleSize: Int) -> Int {
        Int.bitWidth - (max(sampleSize, 2) - 1).leadingZeroBitCount
    }
}
