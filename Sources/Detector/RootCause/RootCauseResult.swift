/// One element with the numbers that rank it.
public struct RootCauseCandidate: Sendable, Hashable {
    /// The element.
    public var element: RootCauseElement
    /// Its share of the total change of the modelled quantity: (observed − expected) of the element over
    /// (observed − expected) of the whole table; near 1 for an element that explains the whole change.
    public var explainedShare: Double
    /// How differently the element changed from the rest of the data: the natural log of its smoothed ratio
    /// observed/expected over that of the rest (log 13 ≈ 2.6 when its failures rose 13-fold more).
    public var surprise: Double
    /// The scan statistic of the element: the log-likelihood ratio of "the element changed by its own factor"
    /// against "everything changed by one factor". Higher is stronger evidence.
    public var score: Double
    /// True when the element is in the root-cause set.
    public var isRootCause: Bool

    /// A candidate from its parts.
    public init(element: RootCauseElement, explainedShare: Double, surprise: Double, score: Double, isRootCause: Bool) {
        self.element = element
        self.explainedShare = explainedShare
        self.surprise = surprise
        self.score = score
        self.isRootCause = isRootCause
    }
}

/// What `RootCauseSearch.search` found.
public struct RootCauseResult: Sendable {
    /// The root-cause set: the scan's element and its siblings first (the strongest cause), then the further
    /// causes of a fundamental measure in the order the partition search found them; empty when nothing changed
    /// beyond the noise.
    public var rootCauseSet: [RootCauseElement]
    /// The root-cause set's candidates first, then the other elements that moved with the total change, by
    /// descending `score`; at most `RootCauseConfiguration.rankedCount`.
    public var ranked: [RootCauseCandidate]
    /// What was compared leaf by leaf (the measure itself, the numerator, or the complement of a proportion).
    public var modelledQuantity: RootCauseModelledQuantity
    /// Observed total of the modelled quantity.
    public var totalObserved: Double
    /// Expected total of the modelled quantity.
    public var totalExpected: Double
    /// Number of distinct elements searched.
    public var elementsSearched: Int

    /// The highest-ranked candidate of the root-cause set when its score is positive: the cause a finding names
    /// (nil when the search found none worth reporting).
    public var leadingCause: RootCauseCandidate? {
        ranked.first(where: \.isRootCause).flatMap { $0.score > 0 ? $0 : nil }
    }

    /// The root-cause set in Squeeze form, `a=a1&b=b2;c=c3` (empty string for the empty set).
    public var squeezeForm: String { RootCauseSqueezeForm.format(rootCauseSet) }
}
