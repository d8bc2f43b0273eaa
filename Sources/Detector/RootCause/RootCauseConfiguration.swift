/// Settings of `RootCauseSearch`. The scan's defaults were chosen on the RiskLoc RS data set, the partition
/// search's are RiskLoc's published ones; they are meant to be kept. `pseudoCount` is the one to set per measure
/// (for money: the smallest change that matters).
public struct RootCauseConfiguration: Sendable {
    /// The most `dimension=value` conditions in one element. Default 3.
    public var maximumPairs: Int
    /// Smoothing mass, in the unit of the modelled quantity (events for counts, currency for money), added to
    /// both the actual and the expected value whenever the ratio of the two is taken, so that parts with
    /// little mass count as unchanged. It is also the unit of the evidence threshold. Default 3.
    public var pseudoCount: Double
    /// How abnormal a part must be to belong to the cause, on a log scale from 0 (changed like the rest of the
    /// data) to 1 (changed like the cause). An element is widened to its parent when the part the parent adds
    /// reaches this level, and narrowed to a child when the part the child drops stays below it. Default 0.3.
    public var abnormalLevel: Double
    /// Narrowing to a child is allowed only if the dropped part carries at most this share of the element's
    /// change. Default 0.05.
    public var narrowingTolerance: Double
    /// A sibling of the first element (same dimensions, other values) joins the root-cause set when it is
    /// abnormal and explains at least this share of the total change. Default 0.2.
    public var siblingShare: Double
    /// How many candidates `RootCauseResult.ranked` lists. Default 20.
    public var rankedCount: Int
    /// Optional parent→child order of dimensions, e.g. `["directorate", "cost_center", "gl_account",
    /// "supplier"]`. When two elements select exactly the same leaves (a cost centre that is the only one in its
    /// directorate, or `directorate=D&cost_center=C` against `cost_center=C`), the one with fewer conditions is
    /// kept, and among those the one whose dimensions come first in this order (then in table order). Default
    /// empty: table order.
    public var hierarchy: [String]
    /// Whether the search of a fundamental measure goes on, after the scan, to the further independent causes
    /// of the change (`RootCausePartitionSearch`). A derived measure never does: the leaf deviations of a
    /// ratio's numerator mix count noise with the change. Default true.
    public var findsSeveralCauses: Bool
    /// The risk score (0…1) an element needs in the partition search. Default 0.5 (RiskLoc's).
    public var riskThreshold: Double
    /// The share of the abnormal leaves' change an element must explain in the partition search, and the share
    /// left unexplained at which it stops. Default 0.02 (RiskLoc's).
    public var minimumCauseShare: Double
    /// How many of the most extreme distinct leaf deviations on the quieter side are passed over when the
    /// partition search reads the noise level there. Default 5 (RiskLoc's).
    public var extremeLeavesSkipped: Int

    /// Settings with the documented defaults unless given.
    public init(
        maximumPairs: Int = 3,
        pseudoCount: Double = 3,
        abnormalLevel: Double = 0.3,
        narrowingTolerance: Double = 0.05,
        siblingShare: Double = 0.2,
        rankedCount: Int = 20,
        hierarchy: [String] = [],
        findsSeveralCauses: Bool = true,
        riskThreshold: Double = 0.5,
        minimumCauseShare: Double = 0.02,
        extremeLeavesSkipped: Int = 5
    ) {
        self.maximumPairs = maximumPairs
        self.pseudoCount = pseudoCount
        self.abnormalLevel = abnormalLevel
        self.narrowingTolerance = narrowingTolerance
        self.siblingShare = siblingShare
        self.rankedCount = rankedCount
        self.hierarchy = hierarchy
        self.findsSeveralCauses = findsSeveralCauses
        self.riskThreshold = riskThreshold
        self.minimumCauseShare = minimumCauseShare
        self.extremeLeavesSkipped = extremeLeavesSkipped
    }
}
