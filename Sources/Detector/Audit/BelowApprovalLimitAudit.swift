import Foundation
import Shared

/// The below approval limit test, limit by limit and value by value of each configured dimension (default
/// supplier and cost centre).
///
/// For a limit L and band b, let w = L·b rounded to minor units. A value's positive amounts in [L − w, L) are
/// "just below" the limit (k lines); those in the equally wide band [L − 2w, L − w) beneath them are its
/// reference (m lines). Amounts of one supplier or cost centre spread smoothly over so narrow a range, so a
/// line in either band is about as likely to sit in the upper as in the lower one (if anything less, since
/// amount densities fall towards large amounts). Given n = k + m, the test is therefore the one-sided
/// binomial tail P(X ≥ k) for X ~ Binomial(n, ½): a value is flagged when k ≥ `minimumLines` and that
/// probability is at most `significance`. Comparing with the value's own lines just beneath, rather than
/// with the ledger-wide density, keeps a supplier of naturally large invoices from being flagged for its size.
/// With no line in the reference band the test needs k ≥ 10 at the default significance of 0.001.
///
/// Score = −log₁₀ of that probability; `actual` = the total just below the limit, `expected` = the total of the
/// reference band, so the delta is the excess; the evidence is the lines just below the limit.
struct BelowApprovalLimitAudit {
    let settings: AuditConfiguration.BelowApprovalLimit
    let currency: String
    let evidenceLimit: Int

    /// The flagged values, limit by limit in configured order, then dimension by dimension, each by dictionary code.
    func findings(in columns: LedgerColumns) -> [FindingDraft] {
        settings.limits.flatMap { limit in
            settings.dimensions.flatMap { findings(below: limit, for: $0, in: columns) }
        }
    }

    /// The two bands under one limit, in minor units.
    private struct Bands {
        let limit: Int64
        let width: Int64
        var justBelow: Range<Int64> { limit - width..<limit }
        var reference: Range<Int64> { max(1, limit - 2 * width)..<max(1, limit - width) }
    }

    private func findings(
        below limit: Money,
        for dimension: LedgerDimension,
        in columns: LedgerColumns
    ) -> [FindingDraft] {
        let bands = Bands(limit: limit.minorUnits, width: Int64((Double(limit.minorUnits) * settings.band).rounded()))
        guard bands.width > 0, bands.width < bands.limit else { return [] }
        let codes = columns.codes(dimension)
        let dictionary = columns.dictionary(dimension)
        var rowsJustBelow: [Int32: [Int]] = [:]
        var referenceRows: [Int32: [Int]] = [:]
        for row in 0..<columns.count where codes[row] != 0 {
            let amount = columns.amount[row]
            if bands.justBelow.contains(amount) {
                rowsJustBelow[codes[row], default: []].append(row)
            } else if bands.reference.contains(amount) {
                referenceRows[codes[row], default: []].append(row)
            }
        }
        return rowsJustBelow.keys.sorted()
            .compactMap { code in
                let rows = rowsJustBelow[code]!
                let reference = referenceRows[code] ?? []
                guard rows.count >= settings.minimumLines else { return nil }
                let log10P = BinomialTail.log10UpperTail(
                    atLeast: rows.count,
                    trials: rows.count + reference.count,
                    probability: 0.5
                )
                guard log10P <= log10(settings.significance) else { return nil }
                let value = DimensionValue(dimension, dictionary.value(code)!)
                return finding(value, bands: bands, rows: rows, reference: reference, log10P: log10P, in: columns)
            }
    }

    private func finding(
        _ value: DimensionValue,
        bands: Bands,
        rows: [Int],
        reference: [Int],
        log10P: Double,
        in columns: LedgerColumns
    ) -> FindingDraft {
        func money(_ minorUnits: Int64) -> String { Money(minorUnits: minorUnits).compact(currency: currency) }
        let total = columns.total(of: rows)
        let evidence = columns.evidence(rows, limit: evidenceLimit)
        let periods = Set(rows.map { columns.fiscalPeriod(ofRow: $0) })
        let explanation =
            AuditText.subject(value.dimension, value.value)
            + " has \(AuditText.count(rows.count)) amounts between \(money(bands.justBelow.lowerBound)) and "
            + "\(money(bands.limit)), just under the approval limit of \(money(bands.limit)), against "
            + "\(AuditText.count(reference.count)) in the equally wide band beneath them "
            + "(\(money(bands.reference.lowerBound)) to \(money(bands.reference.upperBound))); with smoothly spread "
            + "amounts a split this lopsided has a chance of \(AuditText.chance(log10Probability: log10P)). "
            + "Together \(total.compact(currency: currency)) (\(AuditText.lines(evidence, total: rows.count)))."
        return FindingDraft(
            kind: .belowApprovalLimit,
            period: periods.count == 1 ? periods.first : nil,
            dimensions: [value],
            actual: total,
            expected: columns.total(of: reference),
            score: -log10P,
            explanation: explanation,
            evidence: evidence,
            details: [
                "limit": Money(minorUnits: bands.limit).description,
                "band_from": Money(minorUnits: bands.justBelow.lowerBound).description,
                "lines_just_below": String(rows.count),
                "lines_in_reference_band": String(reference.count),
                "p_value": String(format: "%.3g", pow(10, log10P)),
            ]
        )
    }
}
