import Foundation
public import Shared

/// One attention score for every finding, whatever its kind: how much money is at stake, relative to the ledger's
/// materiality, weighed by how unusual the finding is among the findings of its kind.
///
///     attention = log10(1 + stake / materiality) · (1 + unusualness) / 2
///
/// - stake: |delta|, or |actual| when there is no expected figure (the money ``Severity/of(_:materiality:provisional:)``
///   reads);
/// - unusualness: the percentile, in (0, 1), of the finding's own score (|z|, significance, isolation score,
///   MAD, …) among the candidates of its kind in the run, which covers the ledger's whole history
///   (``percentiles(_:)``): the strongest of many is near 1, a candidate barely over its pass's threshold among
///   many stronger ones near 0, and a kind with one candidate says little (2/3).
///
/// Money sets the order of magnitude (a tenfold stake adds 1); unusualness can halve it at most, so a barely
/// unusual finding needs about ten times the money of the strongest of its kind to rank alongside it.
public enum Attention {
    /// The attention score of a finding with `stake` minor units at stake and `unusualness` in (0, 1].
    public static func score(stake: UInt64, unusualness: Double, materiality: Int64) -> Double {
        log10(1 + Double(stake) / Double(max(materiality, 1))) * (1 + unusualness) / 2
    }

    /// The money at stake in `draft`: |delta|, or |actual| when there is no expected figure.
    public static func stake(_ draft: FindingDraft) -> UInt64 {
        (draft.delta ?? draft.actual ?? .zero).minorUnits.magnitude
    }

    /// Per value, its mid-rank percentile among `values` with one pseudo-value below and one above all of them
    /// (Laplace's rule of succession): (number below + (number equal + 1) / 2 + 1) / (count + 2). Equal values
    /// share one percentile; the largest of n distinct values is (n + 1) / (n + 2), so a kind with few candidates
    /// does not call its strongest extreme.
    public static func percentiles(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var result = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, values[order[end]] == values[order[start]] { end += 1 }
            let percentile = (Double(start) + Double(end - start + 1) / 2 + 1) / Double(values.count + 2)
            for position in start..<end { result[order[position]] = percentile }
            start = end
        }
        return result
    }
}

/// A candidate finding of a line-level pass that was ranked but not turned into a finding (below its kind's cap):
/// it still counts in the severity calibration and in what the run says it left out.
public struct UndraftedCandidate: Sendable, Equatable {
    /// Its kind.
    public var kind: FindingKind
    /// Its attention score.
    public var attention: Double
    /// Its money at stake, minor units.
    public var stake: UInt64
}

/// The findings of a line-level pass (outliers): the highest-ranked candidates as drafts, the rest as
/// ``UndraftedCandidate``s.
public struct LineFindings: Sendable {
    /// The drafts, in the order they were chosen, each with its ``FindingDraft/attention``.
    public var drafts: [FindingDraft]
    /// The candidates beyond the cap.
    public var undrafted: [UndraftedCandidate]

    /// Scores `candidates` (a row, its pass score and its money at stake) by attention and drafts the first `limit`:
    /// the highest `priority` first when given (one value per candidate), else the highest attention first.
    static func ranked(
        _ candidates: [(row: Int, score: Double, stake: UInt64)],
        kind: FindingKind,
        materiality: Int64,
        limit: Int,
        priority: [Double]? = nil,
        draft: (Int, Double) -> FindingDraft
    ) -> LineFindings {
        let unusualness = Attention.percentiles(candidates.map(\.score))
        let attention = candidates.indices.map {
            Attention.score(stake: candidates[$0].stake, unusualness: unusualness[$0], materiality: materiality)
        }
        let sorted = candidates.indices.sorted { left, right in
            if let priority, priority[left] != priority[right] { return priority[left] > priority[right] }
            return attention[left] != attention[right]
                ? attention[left] > attention[right] : candidates[left].row < candidates[right].row
        }
        return LineFindings(
            drafts: sorted.prefix(max(limit, 0))
                .map { index in
                    var finding = draft(candidates[index].row, candidates[index].score)
                    finding.attention = attention[index]
                    return finding
                },
            undrafted: sorted.dropFirst(max(limit, 0))
                .map { UndraftedCandidate(kind: kind, attention: attention[$0], stake: candidates[$0].stake) }
        )
    }
}
