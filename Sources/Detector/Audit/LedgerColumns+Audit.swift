import Foundation
import Shared

extension LedgerColumns {
    /// The fiscal period of `row`.
    func fiscalPeriod(ofRow row: Int) -> FiscalPeriod {
        FiscalPeriod(year: Int(fiscalYear[row]), period: Int(period[row]))
    }

    /// The payment reference of `row`, or nil when it is absent or blank.
    func referenceText(ofRow row: Int) -> String? {
        guard let text = references.value(reference[row]), !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            return nil
        }
        return text
    }

    /// The signed sum of the amounts of `rows`, exact in minor units.
    func total(of rows: [Int]) -> Money {
        Money(minorUnits: rows.reduce(0) { $0 + amount[$1] })
    }

    /// The rows as evidence: largest absolute amounts first (ties by batch, then line), at most `limit` of them.
    func evidence(_ rows: [Int], limit: Int) -> [EvidenceLine] {
        let ordered = rows.sorted { left, right in
            let (leftSize, rightSize) = (amount[left].magnitude, amount[right].magnitude)
            if leftSize != rightSize { return leftSize > rightSize }
            return (batchID[left], sourceLine[left]) < (batchID[right], sourceLine[right])
        }
        return ordered.prefix(max(limit, 0))
            .map {
                EvidenceLine(batchID: batchID[$0], line: sourceLine[$0], amount: Money(minorUnits: amount[$0]))
            }
    }
}
