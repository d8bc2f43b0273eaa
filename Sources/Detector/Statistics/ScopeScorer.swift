/// Modified z-scores of log-magnitude within one scope (the whole ledger, or the groups of one dimension's codes),
/// kept as each group's statistics: a line's score is computed when it is asked for (``score(_:)``), not stored for
/// every line of the ledger. A year-end line (`yearEnd[row]`) is judged only against year-end lines and any other
/// line only against other lines, each kind with its own groups and fallback; when the ledger has fewer than
/// `minimumGroupSize` year-end lines they are not judged (score 0). Groups smaller than `minimumGroupSize` fall back
/// to the statistics of all lines of their kind.
struct ScopeScorer: Sendable {
    /// The statistics of one kind of line (ordinary or year-end).
    private struct Kind: Sendable {
        var overall: RobustStatistics
        /// By code; nil for a group below the minimum size (or without lines of this kind).
        var groups: [RobustStatistics?]
    }

    private let values: [Double]
    private let codes: [Int32]?
    private let yearEnd: [Bool]
    private let ordinary: Kind?
    private let yearEndLines: Kind?

    /// Statistics of `values` per group of `codes` (nil: the ledger as one group), year-end lines apart when
    /// `yearEnd` is not empty.
    init(_ values: [Double], codes: [Int32]?, yearEnd: [Bool], minimumGroupSize: Int) {
        self.values = values
        self.codes = codes
        self.yearEnd = yearEnd
        let groupCount = codes.map { Int($0.max() ?? 0) + 1 } ?? 0
        func kind(_ isYearEnd: Bool) -> Kind? {
            var all: [Double] = []
            var samples = [[Double]](repeating: [], count: groupCount)
            for row in values.indices where yearEnd.isEmpty || yearEnd[row] == isYearEnd {
                all.append(values[row])
                if let codes { samples[Int(codes[row])].append(values[row]) }
            }
            guard !all.isEmpty, !isYearEnd || all.count >= minimumGroupSize else { return nil }
            let overall = RobustStatistics(sorting: &all)
            var groups = [RobustStatistics?](repeating: nil, count: groupCount)
            for code in samples.indices where samples[code].count >= minimumGroupSize {
                groups[code] = RobustStatistics(sorting: &samples[code])
                samples[code] = []
            }
            return Kind(overall: overall, groups: groups)
        }
        ordinary = kind(false)
        yearEndLines = yearEnd.isEmpty ? nil : kind(true)
    }

    /// The modified z-score of line `row` against its group of its kind.
    func score(_ row: Int) -> Double {
        let judged = !yearEnd.isEmpty && yearEnd[row] ? yearEndLines : ordinary
        guard let judged else { return 0 }
        let statistics = codes.flatMap { judged.groups[Int($0[row])] } ?? judged.overall
        return statistics.modifiedZScore(values[row])
    }
}
