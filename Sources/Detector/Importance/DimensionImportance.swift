/// How much one dimension matters to a forest that predicts each leaf's change in spend.
///
/// Two measures are reported because they fail in different ways. ``importance`` (mean decrease in impurity)
/// is cheap and always defined, but it is biased towards dimensions with many values: a supplier dimension
/// with thousands of codes offers so many ways to split that it wins some splits on noise alone.
/// ``permutationIncrease`` measures the damage done to out-of-bag predictions when the dimension's codes are
/// shuffled, which a dimension gets credit for only if it predicts leaves the trees did not see; it does not
/// share that bias but is noisier and can be slightly negative for a useless dimension. Read them together:
/// a high-cardinality dimension with a large `importance` and a near-zero `permutationIncrease` is overfitting
/// noise.
public struct DimensionImportance: Sendable, Equatable {
    /// The dimension's index in the `codes` passed to
    /// ``RandomForestImportance/importance(codes:target:weights:configuration:)``.
    public var dimension: Int
    /// The dimension's share of the total decrease in squared error over all splits of all trees, in [0, 1];
    /// the shares of all dimensions sum to 1, or are all 0 when no tree could split at all.
    public var importance: Double
    /// The mean over trees of the rise in (weighted) out-of-bag mean squared error when this dimension's codes
    /// are shuffled among the tree's out-of-bag leaves, in squared target units; nil when no leaf was ever
    /// out of bag.
    public var permutationIncrease: Double?

    /// Creates an importance record.
    public init(dimension: Int, importance: Double, permutationIncrease: Double?) {
        self.dimension = dimension
        self.importance = importance
        self.permutationIncrease = permutationIncrease
    }
}
