import Foundation
import Shared

/// The weekend and holiday posting test, per value of the configured dimension (default cost centre) and
/// fiscal period.
///
/// A line posted on a Saturday, a Sunday or a configured holiday is a weekend line; lines without a posting
/// date are left out. In a period, a value with n dated lines of which w are weekend lines is flagged when
/// w ≥ `minimumLines`, w / n > `maximumShare`, and w is improbable given the value's usual weekend share:
/// P(X ≥ w) ≤ `significance` for X ~ Binomial(n, q), where q is the larger of the value's weekend share in
/// all its other periods and the ledger-wide weekend share. The share threshold sets the materiality; the
/// binomial test keeps a cost centre that always works weekends (a site in shifts) from being flagged every
/// period, and the ledger-wide floor keeps one with little history from being flagged for a handful of lines.
///
/// Score = −log₁₀ of that probability; `actual` = the total of the weekend lines, which are the evidence;
/// `expected` is nil.
struct WeekendPostingAudit {
    let settings: AuditConfiguration.WeekendPostings
    let currency: String
    let evidenceLimit: Int

    /// The flagged cells, ordered by dictionary code, then period.
    func findings(in columns: LedgerColumns) -> [FindingDraft] {
        let holidays = Set(settings.holidays)
        let isWeekend = columns.postingDay.map {
            $0 != Int32.min && (PostingCalendar.isWeekend($0) || holidays.contains($0))
        }
        let codes = columns.codes(settings.dimension)
        let tallies = WeekendTallies(columns, codes: codes, isWeekend: isWeekend)

        var flagged: [WeekendTallies.Cell: (usualShare: Double, log10P: Double)] = [:]
        for (cell, tally) in tallies.cells
        where tally.weekendLines >= settings.minimumLines && tally.share > settings.maximumShare {
            let usualShare = tallies.otherPeriods(of: cell).share
            let log10P = BinomialTail.log10UpperTail(
                atLeast: tally.weekendLines,
                trials: tally.lines,
                probability: max(usualShare, tallies.ledger.share)
            )
            if log10P <= log10(settings.significance) {
                flagged[cell] = (usualShare, log10P)
            }
        }
        guard !flagged.isEmpty else { return [] }

        var weekendRows: [WeekendTallies.Cell: [Int]] = [:]
        for row in 0..<columns.count where isWeekend[row] {
            let cell = WeekendTallies.Cell(code: codes[row], period: columns.fiscalPeriod(ofRow: row))
            if flagged[cell] != nil { weekendRows[cell, default: []].append(row) }
        }
        let dictionary = columns.dictionary(settings.dimension)
        return flagged.keys.sorted()
            .map { cell in
                let test = flagged[cell]!
                return finding(
                    DimensionValue(settings.dimension, dictionary.value(cell.code)!),
                    period: cell.period,
                    tally: tallies.cells[cell]!,
                    usualShare: test.usualShare,
                    ledgerShare: tallies.ledger.share,
                    log10P: test.log10P,
                    rows: weekendRows[cell]!,
                    in: columns
                )
            }
    }

    private func finding(
        _ value: DimensionValue,
        period: FiscalPeriod,
        tally: WeekendTallies.Tally,
        usualShare: Double,
        ledgerShare: Double,
        log10P: Double,
        rows: [Int],
        in columns: LedgerColumns
    ) -> FindingDraft {
        let total = columns.total(of: rows)
        let evidence = columns.evidence(rows, limit: evidenceLimit)
        let holidayLines = rows.filter { !PostingCalendar.isWeekend(columns.postingDay[$0]) }.count
        let baselineText =
            usualShare >= ledgerShare
            ? "its usual \(AuditText.percent(usualShare))" : "\(AuditText.percent(ledgerShare)) across the ledger"
        let explanation =
            AuditText.subject(value.dimension, value.value)
            + " posted \(AuditText.count(tally.weekendLines)) of its \(AuditText.count(tally.lines)) lines "
            + "in \(period) (\(AuditText.percent(tally.share))) on "
            + (settings.holidays.isEmpty ? "weekends" : "weekends or holidays")
            + ", against \(baselineText) (a chance of \(AuditText.chance(log10Probability: log10P))); together "
            + "\(total.compact(currency: currency)) (\(AuditText.lines(evidence, total: rows.count)))."
        return FindingDraft(
            kind: .weekendPosting,
            period: period,
            dimensions: [value],
            actual: total,
            expected: nil,
            score: -log10P,
            explanation: explanation,
            evidence: evidence,
            details: [
                "lines": String(tally.lines),
                "weekend_lines": String(tally.weekendLines),
                "holiday_lines": String(holidayLines),
                "share": AuditText.decimal(tally.share, places: 4),
                "usual_share": AuditText.decimal(usualShare, places: 4),
                "ledger_share": AuditText.decimal(ledgerShare, places: 4),
                "p_value": String(format: "%.3g", pow(10, log10P)),
            ]
        )
    }
}
