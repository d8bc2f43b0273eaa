public import Shared

/// Ranks a run's candidate findings by ``Attention``, calibrates severities on all of them
/// (``SeverityCalibration``), then applies the caps: at most a number per kind, then at most a number per run,
/// the highest attention kept. What a cap leaves out is counted per kind, so nothing is cut silently.
public struct FindingRanking: Sendable {
    /// At most how many findings of each kind, and in all, a run keeps.
    public struct Caps: Sendable, Equatable {
        /// Kinds with a cap of their own (`detector.statistical.max_findings`, …).
        public var perKind: [FindingKind: Int]
        /// The cap of every other kind (`detector.max_findings_per_kind`).
        public var otherKinds: Int
        /// The cap of the run (`detector.max_findings`).
        public var perRun: Int

        /// Creates caps.
        public init(perKind: [FindingKind: Int] = [:], otherKinds: Int = 100, perRun: Int = 1000) {
            self.perKind = perKind
            self.otherKinds = otherKinds
            self.perRun = perRun
        }

        /// The cap of `kind`.
        public func cap(for kind: FindingKind) -> Int {
            perKind[kind] ?? otherKinds
        }
    }

    /// The findings kept, highest attention first, each with its ``FindingDraft/attention``.
    public var kept: [FindingDraft]
    /// The severity thresholds.
    public var calibration: SeverityCalibration
    /// Candidates a cap left out, by kind.
    public var leftOut: [FindingKind: Int]
    /// Of those, the ones that would have been high or critical.
    public var leftOutHighOrCritical: Int

    /// Ranks `drafts` (drafts without an attention score get one here, their unusualness taken among the drafts of
    /// their kind) together with the line-level candidates not drafted (`undrafted`, beyond their pass's cap).
    ///
    /// - Parameters:
    ///   - drafts: The candidate findings, in the order the passes produced them (which breaks ties).
    ///   - undrafted: Ranked candidates the line-level passes did not draft.
    ///   - materiality: The ledger's materiality, minor units.
    ///   - months: Periods of data in the run.
    ///   - rates: Findings per month at each severity.
    ///   - caps: The caps.
    public init(
        drafts: [FindingDraft],
        undrafted: [UndraftedCandidate] = [],
        materiality: Int64,
        months: Int,
        rates: SeverityCalibration.Rates,
        caps: Caps
    ) {
        var drafts = drafts
        let unscored = Dictionary(grouping: drafts.indices.filter { drafts[$0].attention == nil }) { drafts[$0].kind }
        for (_, indices) in unscored {
            let unusualness = Attention.percentiles(indices.map { drafts[$0].score.isNaN ? 0 : drafts[$0].score })
            for (position, index) in indices.enumerated() {
                drafts[index].attention = Attention.score(
                    stake: Attention.stake(drafts[index]),
                    unusualness: unusualness[position],
                    materiality: materiality
                )
            }
        }
        let attention = drafts.map { $0.attention! }
        calibration = SeverityCalibration(
            population: attention + undrafted.map(\.attention),
            months: months,
            rates: rates
        )
        let ranked = drafts.indices.sorted { attention[$0] != attention[$1] ? attention[$0] > attention[$1] : $0 < $1 }
        var perKind: [FindingKind: Int] = [:]
        var kept: [Int] = []
        var left: [Int] = []
        for index in ranked {
            let kind = drafts[index].kind
            if perKind[kind, default: 0] < caps.cap(for: kind) && kept.count < caps.perRun {
                perKind[kind, default: 0] += 1
                kept.append(index)
            } else {
                left.append(index)
            }
        }
        self.kept = kept.map { drafts[$0] }
        var leftOut: [FindingKind: Int] = [:]
        var high = 0
        let calibration = self.calibration
        func count(_ kind: FindingKind, _ attention: Double, _ stake: UInt64) {
            leftOut[kind, default: 0] += 1
            if calibration.severity(attention: attention, stake: stake, materiality: materiality) >= .high { high += 1 }
        }
        for index in left { count(drafts[index].kind, attention[index], Attention.stake(drafts[index])) }
        for candidate in undrafted { count(candidate.kind, candidate.attention, candidate.stake) }
        self.leftOut = leftOut
        leftOutHighOrCritical = high
    }
}
