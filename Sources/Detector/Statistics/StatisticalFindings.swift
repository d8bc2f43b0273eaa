import Foundation
import Shared

/// Turns flagged lines into findings: the material flagged lines ranked by ``Attention`` (their excess over
/// their GL account's median, weighed by their robust z among the flagged lines), at most `limit`, each explained
/// against that median.
public enum StatisticalFindings {
    /// Findings for the flagged lines whose excess over the account median is at least `materiality`.
    public static func drafts(
        _ result: StatisticalPass.Result,
        columns: LedgerColumns,
        batchFiles: [Int64: String],
        wording: Wording,
        materiality: Int64,
        limit: Int
    ) -> LineFindings {
        let candidates = result.flagged.compactMap { flagged -> (row: Int, score: Double, stake: UInt64)? in
            let stake = (columns.amount[flagged.row] - result.accountMedians[flagged.row]).magnitude
            return stake >= materiality.magnitude ? (flagged.row, flagged.score, stake) : nil
        }
        return LineFindings.ranked(candidates, kind: .statisticalOutlier, materiality: materiality, limit: limit) {
            row,
            score in
            draft(
                for: ScoredLine(row: row, score: score),
                result: result,
                columns: columns,
                batchFiles: batchFiles,
                wording: wording
            )
        }
    }

    private static func draft(
        for flagged: ScoredLine,
        result: StatisticalPass.Result,
        columns: LedgerColumns,
        batchFiles: [Int64: String],
        wording: Wording
    ) -> FindingDraft {
        let row = flagged.row
        let amount = columns.amount[row]
        let median = result.accountMedians[row]
        let batch = columns.batchID[row]
        let line = columns.sourceLine[row]
        let account = columns.dictionary(.glAccount).value(columns.codes(.glAccount)[row]) ?? "(none)"
        let file = batchFiles[batch] ?? "batch \(batch)"
        let ratio = median != 0 ? Double(amount) / Double(median) : Double.infinity
        let yearEnd = !result.yearEnd.isEmpty && result.yearEnd[row]
        let peers = yearEnd ? "the account's median year-end line" : "the account's median line"
        let multiple: String =
            ratio.isFinite
            ? "\(Int(ratio.rounded()))× \(peers) of \(wording.money(median))"
            : "where \(peers) is \(wording.money(median))"
        let supplier = columns.dictionary(.supplier).value(columns.codes(.supplier)[row])
        let payee: String = supplier.map { " to \($0)" } ?? ""
        let z = String(format: "%.1f", flagged.score)
        let explanation =
            "Line \(line) of \(file): \(wording.money(amount))\(payee) on GL account \(account), \(multiple) (robust z \(z))."
        var dimensions: [DimensionValue] = []
        for dimension in [LedgerDimension.directorate, .costCenter, .glAccount, .supplier] {
            if let value = columns.dictionary(dimension).value(columns.codes(dimension)[row]) {
                dimensions.append(DimensionValue(dimension, value))
            }
        }
        var details: [String: String] = [
            "robust_z": String(format: "%.2f", flagged.score),
            "ledger_robust_z": String(format: "%.2f", result.scopeScores[0][row]),
            "cost_center_robust_z": String(format: "%.2f", result.scopeScores[2][row]),
            "supplier_robust_z": String(format: "%.2f", result.scopeScores[3][row]),
            "classic_z_amount": String(format: "%.2f", result.classicScores[row]),
            "robust_z_amount": String(format: "%.2f", result.amountScores[row]),
        ]
        if yearEnd { details["judged_against"] = "year-end lines" }
        return FindingDraft(
            kind: .statisticalOutlier,
            period: FiscalPeriod(year: Int(columns.fiscalYear[row]), period: Int(columns.period[row])),
            dimensions: dimensions,
            actual: Money(minorUnits: amount),
            expected: Money(minorUnits: median),
            score: flagged.score,
            explanation: explanation,
            evidence: [EvidenceLine(batchID: batch, line: line, amount: Money(minorUnits: amount))],
            details: details,
            subject: "line \(batch):\(line)"
        )
    }
}
