import Foundation
import Shared

/// Turns flagged lines into findings: the flagged lines whose excess over their usual amount (the median of their
/// peers, ``PeerScores``) is not trivial, the largest multiple of their usual size first, at most `limit`, each
/// explained against that usual amount. ``Attention`` (the excess weighed by the line's score among the
/// candidates) sets their severity and their place among the run's findings.
///
/// The flag says a line is unusual for its peers given how much their amounts vary; the multiple says by how much,
/// in the terms of the finding's sentence ("50× the supplier's median line"). A line 50 times what its supplier
/// usually bills on its account is a keying error or a wrong account more often than a line 5 times its usual
/// amount in the heavy tail of a large account, whatever their money. Measured on `Benchmarks/ledgers` (200,000
/// lines, development seeds 1–8, Python prototype of the pass, 400 findings): ranked by attention (money first)
/// the findings kept 254–290 of the ~295 flagged outliers, by robust z 281–295, by multiple 291–296.
public enum StatisticalFindings {
    /// A flagged line is a finding only when it is at least this many times its usual amount, or at most its
    /// reciprocal: a supplier whose lines vary little makes a line 1.4× its median statistically unusual, but not
    /// worth a controller's time (it stays flagged, at `/anomaly/statistical`).
    public static let minimumMultiple = 2.0

    /// Findings for the flagged lines at least ``minimumMultiple`` times (or at most 1/``minimumMultiple`` of) their
    /// usual amount whose excess over it is at least `trivialShare` × `materiality`, the largest multiple of their
    /// usual size first.
    public static func drafts(
        _ result: StatisticalPass.Result,
        columns: LedgerColumns,
        batchFiles: [Int64: String],
        wording: Wording,
        materiality: Int64,
        trivialShare: Double,
        limit: Int
    ) -> LineFindings {
        let trivial = UInt64((Double(materiality.magnitude) * trivialShare).rounded(.up))
        let candidates = result.flagged.compactMap { flagged -> (row: Int, score: Double, stake: UInt64)? in
            let stake = (columns.amount[flagged.row] - result.peerMedians[flagged.row]).magnitude
            let multiple = result.peerDeviations[flagged.row].magnitude
            return stake >= trivial && multiple >= log10(minimumMultiple) ? (flagged.row, flagged.score, stake) : nil
        }
        return LineFindings.ranked(
            candidates,
            kind: .statisticalOutlier,
            materiality: materiality,
            limit: limit,
            priority: candidates.map { result.peerDeviations[$0.row].magnitude }
        ) { row, score in
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
        let median = result.peerMedians[row]
        let batch = columns.batchID[row]
        let line = columns.sourceLine[row]
        // A ledger without GL accounts (some councils publish none) gets no account clause, not "(none)".
        let onAccount = columns.dictionary(.glAccount).value(columns.codes(.glAccount)[row])
            .map { " on GL account \($0)" }
        let file = batchFiles[batch] ?? "batch \(batch)"
        let ratio = median != 0 ? Double(amount) / Double(median) : Double.infinity
        let yearEnd = !result.yearEnd.isEmpty && result.yearEnd[row]
        let supplier = columns.dictionary(.supplier).value(columns.codes(.supplier)[row])
        let peers = Self.peers(
            result.peerLevels[row],
            supplier: supplier,
            hasAccount: onAccount != nil,
            yearEnd: yearEnd
        )
        let multiple: String =
            ratio.isFinite
            ? "\(Int(ratio.rounded()))× \(peers) of \(wording.money(median))"
            : "where \(peers) is \(wording.money(median))"
        let payee: String = supplier.map { " to \($0)" } ?? ""
        let z = String(format: "%.1f", flagged.score)
        let explanation =
            "Line \(line) of \(file): \(wording.money(amount))\(payee)\(onAccount ?? ""), \(multiple) (robust z \(z))."
        var dimensions: [DimensionValue] = []
        for dimension in [LedgerDimension.directorate, .costCenter, .glAccount, .supplier] {
            if let value = columns.dictionary(dimension).value(columns.codes(dimension)[row]) {
                dimensions.append(DimensionValue(dimension, value))
            }
        }
        var details: [String: String] = [
            "robust_z": String(format: "%.2f", flagged.score),
            "peers": result.peerLevels[row].name,
            "peer_lines": String(result.peerLines[row]),
            "gl_account_robust_z": String(format: "%.2f", result.scopeScorers[1].score(row)),
            "ledger_robust_z": String(format: "%.2f", result.scopeScorers[0].score(row)),
            "cost_center_robust_z": String(format: "%.2f", result.scopeScorers[2].score(row)),
            "supplier_robust_z": String(format: "%.2f", result.scopeScorers[3].score(row)),
            "classic_z_amount": String(format: "%.2f", result.amountStatistics?.zScore(Double(amount)) ?? 0),
            "robust_z_amount": String(format: "%.2f", result.amountStatistics?.modifiedZScore(Double(amount)) ?? 0),
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

    /// "the supplier's median line on the account", "the account's median line", "the ledger's median line"; with
    /// "year-end" before "line" for a year-end line. Without a GL account (`hasAccount` false) the account's lines
    /// are those without one.
    static func peers(_ level: PeerScores.Level, supplier: String?, hasAccount: Bool, yearEnd: Bool) -> String {
        let line = yearEnd ? "year-end line" : "line"
        switch (level, hasAccount) {
        case (.accountAndSupplier, true):
            return supplier == nil
                ? "the account's median \(line) without a supplier" : "the supplier's median \(line) on the account"
        case (.accountAndSupplier, false):
            return supplier == nil
                ? "the median \(line) without an account or supplier"
                : "the supplier's median \(line) without an account"
        case (.account, true): return "the account's median \(line)"
        case (.account, false): return "the median \(line) without an account"
        case (.ledger, _): return "the ledger's median \(line)"
        }
    }
}
