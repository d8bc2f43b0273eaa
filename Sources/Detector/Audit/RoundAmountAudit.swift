import Shared

/// The round amount test, value by value of each configured dimension (default supplier).
///
/// An amount is round when its magnitude is an exact multiple of `roundUnit`. Over the non-zero lines, a
/// value with n ≥ `minimumLines` lines of which r are round is flagged when its share r / n is at least
/// `minimumShare`, at least `minimumRatio` times the ledger-wide share p, and the binomial
/// z = (r − n·p) / √(n·p·(1 − p)) is at least `minimumZ`. Score = z; `actual` = the total of its round
/// lines, which are the evidence; `expected` is nil.
struct RoundAmountAudit {
    let settings: AuditConfiguration.RoundAmounts
    let currency: String
    let evidenceLimit: Int

    /// The flagged values, dimension by dimension in configured order, each by dictionary code.
    func findings(in columns: LedgerColumns) -> [FindingDraft] {
        guard settings.roundUnit.minorUnits > 0 else { return [] }
        let isRound = columns.amount.map { $0 != 0 && $0 % settings.roundUnit.minorUnits == 0 }
        let lineCount = columns.amount.reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
        let roundCount = isRound.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard roundCount > 0, roundCount < lineCount else { return [] }
        let ledgerShare = Double(roundCount) / Double(lineCount)
        return settings.dimensions.flatMap {
            findings(for: $0, isRound: isRound, ledgerShare: ledgerShare, in: columns)
        }
    }

    private struct Tally {
        let code: Int32
        let lines: Int
        let roundLines: Int
        var share: Double { Double(roundLines) / Double(lines) }

        func z(ledgerShare p: Double) -> Double {
            (Double(roundLines) - Double(lines) * p) / (Double(lines) * p * (1 - p)).squareRoot()
        }
    }

    private func findings(
        for dimension: LedgerDimension,
        isRound: [Bool],
        ledgerShare: Double,
        in columns: LedgerColumns
    ) -> [FindingDraft] {
        let codes = columns.codes(dimension)
        let dictionary = columns.dictionary(dimension)
        var lines = Array(repeating: 0, count: dictionary.count)
        var roundLines = Array(repeating: 0, count: dictionary.count)
        for row in 0..<columns.count where columns.amount[row] != 0 {
            lines[Int(codes[row])] += 1
            if isRound[row] { roundLines[Int(codes[row])] += 1 }
        }
        let flagged = (1..<max(dictionary.count, 1))
            .map {
                Tally(code: Int32($0), lines: lines[$0], roundLines: roundLines[$0])
            }
            .filter {
                $0.lines >= settings.minimumLines && $0.share >= settings.minimumShare
                    && $0.share >= settings.minimumRatio * ledgerShare
                    && $0.z(ledgerShare: ledgerShare) >= settings.minimumZ
            }
        guard !flagged.isEmpty else { return [] }

        let flaggedCodes = Set(flagged.map(\.code))
        var rowsByCode: [Int32: [Int]] = [:]
        for row in 0..<columns.count where isRound[row] && flaggedCodes.contains(codes[row]) {
            rowsByCode[codes[row], default: []].append(row)
        }
        return flagged.map { tally in
            let value = DimensionValue(dimension, dictionary.value(tally.code)!)
            return finding(value, tally: tally, ledgerShare: ledgerShare, rows: rowsByCode[tally.code]!, in: columns)
        }
    }

    private func finding(
        _ value: DimensionValue,
        tally: Tally,
        ledgerShare: Double,
        rows: [Int],
        in columns: LedgerColumns
    ) -> FindingDraft {
        let z = tally.z(ledgerShare: ledgerShare)
        let total = columns.total(of: rows)
        let explanation =
            AuditText.subject(value.dimension, value.value) + " booked "
            + "\(AuditText.count(tally.roundLines)) of its \(AuditText.count(tally.lines)) amounts "
            + "(\(AuditText.percent(tally.share))) as exact multiples of "
            + "\(settings.roundUnit.compact(currency: currency)), "
            + "against \(AuditText.percent(ledgerShare)) across the ledger (z = \(AuditText.decimal(z, places: 1))); "
            + "together \(total.compact(currency: currency))."
        return FindingDraft(
            kind: .roundAmounts,
            period: nil,
            dimensions: [value],
            actual: total,
            expected: nil,
            score: z,
            explanation: explanation,
            evidence: columns.evidence(rows, limit: evidenceLimit),
            details: [
                "lines": String(tally.lines),
                "round_lines": String(tally.roundLines),
                "share": AuditText.decimal(tally.share, places: 4),
                "ledger_share": AuditText.decimal(ledgerShare, places: 4),
                "z": AuditText.decimal(z, places: 2),
                "round_unit": settings.roundUnit.description,
            ]
        )
    }
}
