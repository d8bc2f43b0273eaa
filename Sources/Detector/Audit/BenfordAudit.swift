import Foundation
import Shared

/// The Benford first-digit test on the populations of ``BenfordPopulations``: the ledger as a whole, each
/// account class, and each value of a dimension only when configured (`benford_per_supplier`).
///
/// A population with at least `minimumLines` positive amounts of at least `minimumAmount` has the shares of its
/// first digits 1…9 compared with Benford's log₁₀(1 + 1/d) by Nigrini's mean absolute deviation (MAD).
/// A finding needs the level "nonconformity" (MAD > 0.015) and a chi-square p-value (8 degrees of freedom)
/// of at most `significance`. Score = MAD; the evidence is the lines led by the most over-represented digit,
/// largest first; `actual` is their total and `expected` that total scaled to Benford's share of the digit
/// (rounded to the minor unit), so the delta is the money in excess of what the law predicts.
struct BenfordAudit {
    let settings: AuditConfiguration.Benford
    let currency: String
    let evidenceLimit: Int

    /// The nonconforming populations, family by family (ledger, account classes, dimensions), each by code.
    func findings(in columns: LedgerColumns) -> [FindingDraft] {
        BenfordPopulations.configured(settings, columns).flatMap { findings(for: $0, in: columns) }
    }

    /// One value's first-digit counts (digit d at index d − 1) and what they show.
    private struct DigitProfile {
        let code: Int32
        let counts: [Int]
        var lineCount: Int { counts.reduce(0, +) }
        var observedShares: [Double] { counts.map { Double($0) / Double(lineCount) } }
        var mad: Double { BenfordDigits.meanAbsoluteDeviation(counts: counts) }
        var log10PValue: Double { BenfordDigits.log10ChiSquareTail(BenfordDigits.chiSquare(counts: counts)) }

        /// The digit whose observed share exceeds Benford's by the most.
        var mostOverRepresentedDigit: Int {
            let excess = zip(observedShares, BenfordDigits.expectedShares).map { $0 - $1 }
            return excess.indices.max { excess[$0] < excess[$1] }! + 1
        }
    }

    private func qualifies(_ amount: Int64) -> Bool {
        amount >= settings.minimumAmount.minorUnits && amount > 0
    }

    private func findings(for populations: BenfordPopulations, in columns: LedgerColumns) -> [FindingDraft] {
        let codes = populations.codes
        var digitCounts = Array(repeating: 0, count: populations.codeCount * 9)
        for row in 0..<columns.count where codes[row] != 0 && qualifies(columns.amount[row]) {
            digitCounts[Int(codes[row]) * 9 + BenfordDigits.firstDigit(columns.amount[row]) - 1] += 1
        }
        var nonconforming: [DigitProfile] = []
        for code in 1..<max(populations.codeCount, 1) {
            let profile = DigitProfile(code: Int32(code), counts: Array(digitCounts[code * 9..<code * 9 + 9]))
            if profile.lineCount >= settings.minimumLines,
                BenfordConformity(meanAbsoluteDeviation: profile.mad) == .nonconformity,
                profile.log10PValue <= log10(settings.significance)
            {
                nonconforming.append(profile)
            }
        }
        guard !nonconforming.isEmpty else { return [] }

        var flaggedDigit: [Int32: Int] = [:]
        for profile in nonconforming { flaggedDigit[profile.code] = profile.mostOverRepresentedDigit }
        var rowsByCode: [Int32: [Int]] = [:]
        for row in 0..<columns.count where qualifies(columns.amount[row]) {
            if let digit = flaggedDigit[codes[row]], BenfordDigits.firstDigit(columns.amount[row]) == digit {
                rowsByCode[codes[row], default: []].append(row)
            }
        }
        return nonconforming.map { profile in
            finding(
                populations.describe(profile.code),
                family: populations.name,
                profile: profile,
                rows: rowsByCode[profile.code] ?? [],
                in: columns
            )
        }
    }

    private func finding(
        _ population: BenfordPopulations.Population,
        family: String,
        profile: DigitProfile,
        rows: [Int],
        in columns: LedgerColumns
    ) -> FindingDraft {
        let mad = profile.mad
        let digit = profile.mostOverRepresentedDigit
        let observed = profile.observedShares[digit - 1]
        let expected = BenfordDigits.expectedShares[digit - 1]
        let actual = columns.total(of: rows)
        let expectedTotal = Money(minorUnits: Int64((Double(actual.minorUnits) * expected / observed).rounded()))
        let explanation =
            population.label
            + ": the first digits of its \(AuditText.count(profile.lineCount)) amounts of "
            + "\(settings.minimumAmount.compact(currency: currency)) or more do not follow Benford's law "
            + "(mean absolute deviation \(fourDecimals(mad)), above the nonconformity limit "
            + "\(fourDecimals(BenfordConformity.nonconformityThreshold))): \(digit) leads "
            + "\(AuditText.percent(observed)) of them where \(AuditText.percent(expected)) is expected."
        return FindingDraft(
            kind: .benford,
            period: nil,
            dimensions: population.dimensions,
            actual: actual,
            expected: expectedTotal,
            score: mad,
            explanation: explanation,
            evidence: columns.evidence(rows, limit: evidenceLimit),
            details: [
                "population": family,
                "mad": fourDecimals(mad),
                "level": BenfordConformity.nonconformity.rawValue,
                "lines": String(profile.lineCount),
                "over_represented_digit": String(digit),
                "observed_share": fourDecimals(observed),
                "expected_share": fourDecimals(expected),
                "digit_counts": profile.counts.map(String.init).joined(separator: ","),
                "chi_square": AuditText.decimal(BenfordDigits.chiSquare(counts: profile.counts), places: 2),
                "p_value": String(format: "%.3g", pow(10, profile.log10PValue)),
            ],
            subject: population.subject
        )
    }

    private func fourDecimals(_ value: Double) -> String {
        AuditText.decimal(value, places: 4)
    }
}
