import Foundation
public import Shared

/// Settings of the statistical pass.
///
/// - Configuration keys (`detector.statistical.*`): `threshold` (default 3.5), `min_group_size` (30),
///   `min_peer_lines` (5), `prior_lines` (100), `max_flag_share` (0.01), `trivial_share` (0.05), `max_findings` (400).
public struct StatisticalConfiguration: Sendable {
    /// A line is an outlier when its robust z-score on log-magnitude against its peers exceeds this (see
    /// ``StatisticalPass``).
    public var threshold: Double
    /// Groups smaller than this use the whole ledger's statistics in the scores reported beside the deciding one
    /// (ledger, GL account, cost centre, supplier); fewer year-end lines than this are not judged.
    public var minimumGroupSize: Int
    /// A GL account and supplier, or a GL account, with this many lines sets the usual amount of its lines.
    public var minimumPeerLines: Int
    /// Weight, in lines, of the typical spread of groups in a group's own spread (``PeerScores``).
    public var priorLines: Double
    /// At most this share of lines is flagged (the highest combined scores win).
    public var maximumFlagShare: Double
    /// At most this many findings (the largest multiple of their usual amount first); every flagged line is in the
    /// anomaly document.
    public var maximumFindings: Int
    /// A flagged line whose excess over its usual amount is below this share of materiality is trivial: it stays
    /// in the anomaly document but is not a finding.
    public var trivialShare: Double
    /// A line its supplier is booked in this many periods at the same amount is a schedule, not an outlier
    /// (``PaymentSchedules``); 0 = no schedules.
    public var scheduleMinimumPeriods: Int
    /// Year-end periods (13–16 by default): their lines are judged only against other year-end lines.
    public var yearEndPeriods: Set<Int>

    /// Creates a configuration with the documented defaults.
    public init(
        threshold: Double = 3.5,
        minimumGroupSize: Int = 30,
        minimumPeerLines: Int = 5,
        priorLines: Double = 100,
        maximumFlagShare: Double = 0.01,
        maximumFindings: Int = 400,
        trivialShare: Double = 0.05,
        scheduleMinimumPeriods: Int = 3,
        yearEndPeriods: Set<Int> = [13, 14, 15, 16]
    ) {
        self.yearEndPeriods = yearEndPeriods
        self.threshold = threshold
        self.minimumGroupSize = minimumGroupSize
        self.minimumPeerLines = minimumPeerLines
        self.priorLines = priorLines
        self.maximumFlagShare = maximumFlagShare
        self.maximumFindings = maximumFindings
        self.trivialShare = trivialShare
        self.scheduleMinimumPeriods = scheduleMinimumPeriods
    }
}

/// One scored journal line.
public struct ScoredLine: Sendable, Equatable {
    /// Row index in the ``LedgerColumns``.
    public var row: Int
    /// The combined score (higher = more anomalous).
    public var score: Double
}

/// Robust z-scores of log-magnitude `log10(1 + |amount|)` for every journal line against its peers, and, for the
/// lines it flags, the scores over the whole ledger and per scope (GL account, cost centre, supplier) and the classic
/// and robust z-scores of the signed amount.
///
/// Amounts in a ledger are heavy-tailed and their scale is set by the nature of the expense and who bills it, so
/// the decision uses the **robust z-score of log-magnitude against the line's peers** (``PeerScores``: the lines of
/// its GL account and supplier, else of its GL account, else the ledger; a small group's spread shrunk toward the
/// typical one). Lines whose score exceeds the threshold (3.5, Iglewicz and Hoaglin's cut-off for modified
/// z-scores) are flagged, at most ``StatisticalConfiguration/maximumFlagShare`` of all lines, highest first. The
/// GL account, ledger-wide, cost-centre and supplier scores and the classic z-score are reported with each line.
///
/// Measured on `Benchmarks/ledgers` (an independent generator: heavy tails, many accounts under 30 lines,
/// outliers at 20–100× their usual amount, 200,000 lines, seeds 1–5, 1001, 1002): the peer score flags 0.973–0.993
/// of the outliers with 0.24–0.43 % of lines flagged; the GL account's modified z-score above 2.5, with the
/// ledger's statistics for accounts under 30 lines, flagged 0.897–0.940 with 0.73–0.92 %.
public struct StatisticalPass: Sendable {
    /// The scopes, in order.
    public static let scopes: [LedgerDimension?] = [nil, .glAccount, .costCenter, .supplier]

    /// Everything the pass computed.
    public struct Result: Sendable {
        /// Flagged lines, highest score first.
        public var flagged: [ScoredLine]
        /// Per line: the deciding score, the robust z-score of log-magnitude against its peers (``PeerScores``).
        public var scores: [Double]
        /// Per line: the median amount (minor units) of its peers, its usual amount.
        public var peerMedians: [Int64] = []
        /// Per line: its log-magnitude minus its peers' median, the log10 of how many times its usual size it is.
        public var peerDeviations: [Double] = []
        /// Per line: the peers it was judged against.
        var peerLevels: [PeerScores.Level] = []
        /// Per line: how many lines its peers have.
        public var peerLines: [Int] = []
        /// Per scope (ledger, GL account, cost centre, supplier): a line's modified z-score of log-magnitude,
        /// computed when asked for (they are reported beside the deciding score of flagged lines only).
        var scopeScorers: [ScopeScorer]
        /// Statistics of the signed amounts of the whole ledger: a line's classic and modified z-score of its amount.
        var amountStatistics: RobustStatistics?
        /// Per line: the median amount (minor units) of its GL account (a feature of the Isolation Forest).
        public var accountMedians: [Int64]
        /// Lines above the threshold that were not flagged because their exact reversal is in the ledger
        /// (``ReversalPairs``).
        public var reversed: Int = 0
        /// Lines above the threshold that were not flagged because they are payments of a schedule.
        public var scheduled: Int = 0
        /// Per line: whether it is in a year-end period (empty when the ledger has no year-end lines).
        public var yearEnd: [Bool] = []
    }

    private let configuration: StatisticalConfiguration

    /// Creates the pass.
    public init(configuration: StatisticalConfiguration) {
        self.configuration = configuration
    }

    /// Scores every line; work per scope runs concurrently. A line of a reversal pair (`isPaired[row]`) or of a
    /// schedule is never flagged and does not count against the flag share.
    public func run(_ columns: LedgerColumns, isPaired: [Bool]? = nil) async -> Result {
        let count = columns.count
        guard count > 0 else {
            return Result(flagged: [], scores: [], scopeScorers: [], amountStatistics: nil, accountMedians: [])
        }
        var logMagnitude = [Double](repeating: 0, count: count)
        for index in 0..<count { logMagnitude[index] = log10(1 + Double(columns.amount[index].magnitude) / 100) }
        let magnitudes = logMagnitude
        let minimumGroupSize = configuration.minimumGroupSize
        let yearEndPeriods = configuration.yearEndPeriods
        let yearEnd =
            columns.period.contains { yearEndPeriods.contains(Int($0)) }
            ? columns.period.map { yearEndPeriods.contains(Int($0)) } : []
        // The peer scores, the account medians and the ledger's statistics are computed beside the scopes'.
        async let peerScores = PeerScores(
            columns,
            magnitudes: magnitudes,
            yearEnd: yearEnd,
            minimumLines: configuration.minimumPeerLines,
            priorLines: configuration.priorLines,
            minimumYearEndLines: minimumGroupSize
        )
        async let accountMedians = Self.groupMedians(columns.amount, codes: columns.codes(.glAccount), yearEnd: yearEnd)
        async let ledgerStatistics: RobustStatistics = {
            var signed = columns.amount.map { Double($0) }
            return RobustStatistics(sorting: &signed)
        }()
        let perScope: [ScopeScorer] = await withTaskGroup(of: (Int, ScopeScorer).self) { group in
            for (position, scope) in Self.scopes.enumerated() {
                let codes = scope.map { columns.codes($0) }
                group.addTask {
                    (
                        position,
                        ScopeScorer(magnitudes, codes: codes, yearEnd: yearEnd, minimumGroupSize: minimumGroupSize)
                    )
                }
            }
            var result: [ScopeScorer?] = Array(repeating: nil, count: Self.scopes.count)
            for await (position, scorer) in group { result[position] = scorer }
            return result.map { $0! }
        }
        let peers = await peerScores
        let combined = peers.scores
        let limit = Int((Double(count) * configuration.maximumFlagShare).rounded(.down))
        let aboveThreshold = combined.indices.filter { combined[$0] > configuration.threshold }
        let unpaired = isPaired.map { paired in aboveThreshold.filter { !paired[$0] } } ?? aboveThreshold
        let scheduled = PaymentSchedules.scheduled(
            unpaired,
            in: columns,
            minimumPeriods: configuration.scheduleMinimumPeriods
        )
        let ordinary = scheduled.isEmpty ? unpaired : unpaired.filter { !scheduled.contains($0) }
        let flagged =
            ordinary
            .map { ScoredLine(row: $0, score: combined[$0]) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.row < $1.row }
            .prefix(limit)
        return Result(
            flagged: Array(flagged),
            scores: combined,
            peerMedians: peers.medians,
            peerDeviations: peers.deviations,
            peerLevels: peers.levels,
            peerLines: peers.peerLines,
            scopeScorers: perScope,
            amountStatistics: await ledgerStatistics,
            accountMedians: await accountMedians,
            reversed: aboveThreshold.count - unpaired.count,
            scheduled: scheduled.count,
            yearEnd: yearEnd
        )
    }

    /// Row indices per code.
    static func members(_ codes: [Int32]) -> [[Int]] {
        var members = [[Int]](repeating: [], count: Int(codes.max() ?? 0) + 1)
        for (row, code) in codes.enumerated() { members[Int(code)].append(row) }
        return members
    }

    /// Per row, the median signed amount of its group, year-end lines (`yearEnd[row]`, when not empty) apart.
    static func groupMedians(_ amounts: [Int64], codes: [Int32], yearEnd: [Bool]) -> [Int64] {
        guard !yearEnd.isEmpty else { return groupMedians(amounts, codes: codes) }
        return groupMedians(amounts, codes: codes.indices.map { codes[$0] * 2 + (yearEnd[$0] ? 1 : 0) })
    }

    /// Per row, the median signed amount of its group (exact: the lower middle for even counts).
    static func groupMedians(_ amounts: [Int64], codes: [Int32]) -> [Int64] {
        let members = Self.members(codes)
        var medianByCode = [Int64](repeating: 0, count: members.count)
        for (code, rows) in members.enumerated() where !rows.isEmpty {
            let sorted = rows.map { amounts[$0] }.sorted()
            medianByCode[code] = sorted[(sorted.count - 1) / 2]
        }
        return codes.map { medianByCode[Int($0)] }
    }
}
