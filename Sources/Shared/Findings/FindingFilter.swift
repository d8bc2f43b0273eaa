/// Which stored findings to read: every given condition must hold.
public struct FindingFilter: Sendable, Equatable {
    /// Only this kind.
    public var kind: FindingKind?
    /// Only this severity.
    public var severity: Severity?
    /// Only this severity or a more urgent one.
    public var minimumSeverity: Severity?
    /// Only findings with this review status.
    public var status: ReviewStatus?
    /// Only findings of this period.
    public var period: FiscalPeriod?
    /// Only findings seen in this detector run (`last_run_id`).
    public var run: Int64?
    /// Only findings seen in the latest detector run (ignored when ``run`` is given).
    public var latestRunOnly: Bool
    /// Only findings with an id below this one (the API's cursor, newest first).
    public var before: Int64?
    /// Only findings with a value of this dimension in their dimension path.
    public var dimension: LedgerDimension?
    /// Only findings whose dimension path contains this text (case-insensitive, taken literally).
    public var pathContains: String?

    /// Creates a filter; without arguments it takes every finding.
    public init(
        kind: FindingKind? = nil,
        severity: Severity? = nil,
        minimumSeverity: Severity? = nil,
        status: ReviewStatus? = nil,
        period: FiscalPeriod? = nil,
        run: Int64? = nil,
        latestRunOnly: Bool = false,
        before: Int64? = nil,
        dimension: LedgerDimension? = nil,
        pathContains: String? = nil
    ) {
        self.kind = kind
        self.severity = severity
        self.minimumSeverity = minimumSeverity
        self.status = status
        self.period = period
        self.run = run
        self.latestRunOnly = latestRunOnly
        self.before = before
        self.dimension = dimension
        self.pathContains = pathContains
    }
}

/// The order findings are listed in.
public enum FindingOrder: Sendable {
    /// Newest first (by id), as the API pages them.
    case newestFirst
    /// Most severe first, then the highest attention score, then the most money at stake, then by id, as a person
    /// triages them.
    case mostUrgentFirst
}
