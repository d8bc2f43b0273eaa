/// The settings of the regression forest behind ``RandomForestImportance``.
public struct RandomForestConfiguration: Sendable, Equatable {
    /// The number of trees.
    public var trees = 100
    /// The deepest a tree may grow; the root is at depth 0, so a tree has at most 2^maximumDepth leaves.
    public var maximumDepth = 8
    /// The fewest bootstrap draws each side of a split must receive (a leaf drawn twice counts twice).
    public var minimumLeafSize = 5
    /// The share of dimensions tried at each split: ⌈featureFraction · D⌉ of the D dimensions, chosen at random
    /// for every node. In (0, 1]; 1 tries every dimension (bagged trees without feature sampling).
    public var featureFraction = 0.5
    /// The most leaves one tree draws (with replacement) and is scored on out of bag: a forest over more
    /// leaves than this costs what one over this many costs. With `n` leaves or fewer, a tree draws `n` and is
    /// scored on every leaf it did not draw (Breiman's forest); above, it draws this many and is scored on as many
    /// of the leaves it did not draw, chosen at random (scikit-learn's `max_samples`).
    public var samplesPerTree = 20_000
    /// Determines every random choice: the same seed and data give the same importances on any machine and at
    /// any degree of parallelism.
    public var seed: UInt64 = 42

    /// Creates a configuration; every argument has the default given on its property.
    public init(
        trees: Int = 100,
        maximumDepth: Int = 8,
        minimumLeafSize: Int = 5,
        featureFraction: Double = 0.5,
        samplesPerTree: Int = 20_000,
        seed: UInt64 = 42
    ) {
        self.trees = trees
        self.maximumDepth = maximumDepth
        self.minimumLeafSize = minimumLeafSize
        self.featureFraction = featureFraction
        self.samplesPerTree = samplesPerTree
        self.seed = seed
    }

    /// The number of dimensions tried at each split when there are `dimensionCount` of them.
    func dimensionsTried(of dimensionCount: Int) -> Int {
        min(dimensionCount, max(1, Int((featureFraction * Double(dimensionCount)).rounded(.up))))
    }
}
