import Foundation

/// The human-readable text of a root-cause result, as `finrca rca-case` prints it: a summary, the ranked
/// candidates, and as the last line the root-cause set in Squeeze form (an empty line for the empty set).
public enum RootCauseReport {
    /// The report lines (without line ends) for `result` on `table`, listing the first `top` ranked candidates
    /// (at least the root-cause set).
    public static func lines(result: RootCauseResult, table: RootCauseTable, top: Int) -> [String] {
        let measure = table.isDerived ? "derived (ratio)" : "fundamental"
        var lines = [
            "rows \(table.rowCount), dimensions \(table.dimensions.joined(separator: ", ")), measure \(measure)",
            "modelled \(result.modelledQuantity.rawValue): observed \(number(result.totalObserved)), "
                + "expected \(number(result.totalExpected)), \(result.elementsSearched) elements searched",
        ]
        let shown = result.ranked.prefix(max(top, result.rootCauseSet.count))
        for (rank, candidate) in shown.enumerated() {
            let marker = candidate.isRootCause ? "  [root cause]" : ""
            lines.append(
                "#\(rank + 1) \(candidate.element)  share \(fixed(candidate.explainedShare, 3))  "
                    + "surprise \(fixed(candidate.surprise, 3))  score \(fixed(candidate.score, 1))\(marker)"
            )
        }
        if result.rootCauseSet.isEmpty { lines.append("no root cause: the change is within the noise") }
        lines.append(result.squeezeForm)
        return lines
    }

    /// `value` with `digits` decimals.
    private static func fixed(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    /// `value` with up to six significant digits.
    private static func number(_ value: Double) -> String {
        String(format: "%.6g", value)
    }
}
