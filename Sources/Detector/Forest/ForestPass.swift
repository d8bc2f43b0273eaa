import Foundation
import Shared

/// Scores every journal line with the Isolation Forest and reports the lines it isolates fastest that the
/// statistical pass did not already report: unusual combinations (a rare supplier on an account, a credit
/// where there never are any) rather than merely large amounts.
public struct ForestPass: Sendable {
    /// What the pass computed.
    public struct Result: Sendable {
        /// Lines at or above the contamination threshold, highest score first.
        public var flagged: [ScoredLine]
        /// The score threshold that `contamination` set.
        public var threshold: Double
    }

    private let configuration: IsolationForestConfiguration

    /// Creates the pass.
    public init(configuration: IsolationForestConfiguration) {
        self.configuration = configuration
    }

    /// Fits the forest on the lines (each tree on its own subsample) and scores them all.
    public func run(_ columns: LedgerColumns, accountMedians: [Int64]) async -> Result {
        guard columns.count > 1 else { return Result(flagged: [], threshold: 1) }
        let features = LedgerFeatures.matrix(columns, accountMedians: accountMedians)
        let forest = await IsolationForest.fit(features, configuration: configuration)
        let scores = await forest.scores(features)
        let threshold = forest.threshold(trainingScores: scores)
        let flagged = scores.indices.filter { scores[$0] >= threshold }
            .map { ScoredLine(row: $0, score: scores[$0]) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.row < $1.row }
        return Result(flagged: flagged, threshold: threshold)
    }

    /// Findings for the flagged lines that `alreadyReported` does not contain and whose amount is material, ranked
    /// by ``Attention`` (the amount weighed by the isolation score among those lines), at most `limit`.
    public static func drafts(
        _ result: Result,
        columns: LedgerColumns,
        alreadyReported: Set<Int>,
        batchFiles: [Int64: String],
        wording: Wording,
        materiality: Int64,
        limit: Int
    ) -> LineFindings {
        let candidates = result.flagged.compactMap { flagged -> (row: Int, score: Double, stake: UInt64)? in
            let stake = columns.amount[flagged.row].magnitude
            return !alreadyReported.contains(flagged.row) && stake >= materiality.magnitude
                ? (flagged.row, flagged.score, stake) : nil
        }
        let dimensionsShown: [LedgerDimension] = [.directorate, .costCenter, .glAccount, .supplier]
        let frequencies: [[Int]] = dimensionsShown.map { dimension in
            var frequency = [Int](repeating: 0, count: columns.dictionary(dimension).count)
            for code in columns.codes(dimension) { frequency[Int(code)] += 1 }
            return frequency
        }
        return LineFindings.ranked(candidates, kind: .isolationForest, materiality: materiality, limit: limit) {
            row,
            score in
            let flagged = ScoredLine(row: row, score: score)
            let amount = columns.amount[row]
            let batch = columns.batchID[row]
            let line = columns.sourceLine[row]
            var dimensions: [DimensionValue] = []
            var rarest: (DimensionValue, Double)?
            for (position, dimension) in dimensionsShown.enumerated() {
                let code = columns.codes(dimension)[row]
                guard let value = columns.dictionary(dimension).value(code) else { continue }
                let share = Double(frequencies[position][Int(code)]) / Double(columns.count)
                dimensions.append(DimensionValue(dimension, value))
                if rarest == nil || share < rarest!.1 { rarest = (DimensionValue(dimension, value), share) }
            }
            let file = batchFiles[batch] ?? "batch \(batch)"
            let rarity =
                rarest.map {
                    ", \($0.0.dimension.label) \($0.0.value) appears on \(String(format: "%.2f", $0.1 * 100)) % of lines"
                } ?? ""
            let kind = amount < 0 ? "credit" : "payment"
            let explanation =
                "Line \(line) of \(file): a \(wording.money(amount)) \(kind) whose combination of amount, period and dimensions is among the rarest in the ledger (isolation score \(String(format: "%.3f", flagged.score)), threshold \(String(format: "%.3f", result.threshold)))\(rarity)."
            return FindingDraft(
                kind: .isolationForest,
                period: FiscalPeriod(year: Int(columns.fiscalYear[row]), period: Int(columns.period[row])),
                dimensions: dimensions,
                actual: Money(minorUnits: amount),
                expected: nil,
                score: flagged.score,
                explanation: explanation,
                evidence: [EvidenceLine(batchID: batch, line: line, amount: Money(minorUnits: amount))],
                details: [
                    "isolation_score": String(format: "%.4f", flagged.score),
                    "threshold": String(format: "%.4f", result.threshold),
                ],
                subject: "line \(batch):\(line)"
            )
        }
    }
}
