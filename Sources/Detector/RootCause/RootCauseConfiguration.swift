/// Settings of `RootCauseSearch`. The defaults were chosen on the RiskLoc RS data set and are meant to be kept;
/// `pseudoCount` is the one to set per measure (for money: the smallest change that matters).
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

    /// Settings with the documented defaults unless given.
    public init(
        maximumPairs: Int = 3,
        pseudoCount: Double = 3,
        abnormalLevel: Double = 0.3,
        narrowingTolerance: Double = 0.05,
        siblingShare: Double = 0.2,
        rankedCount: Int = 20,
        hierarchy: [String] = []
    ) {
        self.maximumPairs = maximumPairs
        self.pseudoCount = pseudoCount
        self.abnormalLevel = abnormalLevel
        self.narrowingTolerance = narrowingTolerance
        self.siblingShare = siblingShare
        self.rankedCount = rankedCount
        self.hierarchy = hierarchy
    }
}
