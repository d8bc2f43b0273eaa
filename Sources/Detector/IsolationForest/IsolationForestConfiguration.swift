/// The settings of an ``IsolationForest``; the defaults are scikit-learn's.
public struct IsolationForestConfiguration: Sendable, Equatable {
    /// The number of isolation trees (scikit-learn's `n_estimators`).
    public var trees = 100
    /// The number of rows drawn without replacement to grow each tree; capped at the number of training rows
    /// (scikit-learn's `max_samples="auto"`).
    public var subsampleSize = 256
    /// Determines every random choice: the same seed and data give the same forest on any machine and at any
    /// degree of parallelism.
    public var seed: UInt64 = 0
    /// The expected share of anomalies, in (0, 1); sets ``IsolationForest/threshold(trainingScores:)``.
    public var contamination = 0.05

    /// Creates a configuration; every argument defaults to scikit-learn's value.
    public init(trees: Int = 100, subsampleSize: Int = 256, seed: UInt64 = 0, contamination: Double = 0.05) {
        self.trees = trees
        self.subsampleSize = subsampleSize
        self.seed = seed
        self.contamination = contamination
    }
}
