import Shared

/// The ledger's payments as the duplicate payment test reads them: lines with a supplier and an amount above
/// zero, less those a credit reverses, grouped into runs of the same supplier and amount.
///
/// A credit (a negative line) reverses one payment of the same supplier and the same amount: the one with the
/// same reference, else the one nearest in date within `windowDays`; the nearest wins, then the earlier row. A
/// payment made twice and refunded once is no longer a duplicate.
///
/// Cost: one sort of the payments by (supplier, amount, posting day, row); a credit finds its run by binary search
/// in that order and looks only at the run.
struct PaymentLines {
    let columns: LedgerColumns
    let suppliers: [Int32]
    let costCentres: [Int32]
    let accounts: [Int32]
    /// Per reference dictionary code: whether the reference is absent or blank.
    private let blankReference: [Bool]
    /// Runs of at least two payments of the same supplier and amount, each in (posting day, row) order; a row
    /// without a posting day comes first. Runs are ordered by (supplier, amount).
    private(set) var runs: [[Int]] = []
    /// Every payment left after reversals, in row order.
    private(set) var rows: [Int] = []

    /// A payment in the order runs are cut from.
    private struct Key: Comparable {
        let supplier: Int32
        let day: Int32
        let amount: Int64
        let row: Int

        static func < (left: Key, right: Key) -> Bool {
            (left.supplier, left.amount, left.day, left.row) < (right.supplier, right.amount, right.day, right.row)
        }
    }

    init(_ columns: LedgerColumns, windowDays: Int) {
        self.columns = columns
        suppliers = columns.codes(.supplier)
        costCentres = columns.codes(.costCenter)
        accounts = columns.codes(.glAccount)
        blankReference = columns.references.blankFlags
        var keys: [Key] = []
        for row in 0..<columns.count where suppliers[row] != 0 && columns.amount[row] > 0 {
            keys.append(
                Key(supplier: suppliers[row], day: columns.postingDay[row], amount: columns.amount[row], row: row)
            )
        }
        keys.sort()
        let reversed = reversedPayments(keys, windowDays: windowDays)
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count, keys[end].supplier == keys[start].supplier, keys[end].amount == keys[start].amount {
                end += 1
            }
            if end - start > 1 {
                let run = keys[start..<end].map(\.row).filter { !reversed[$0] }
                if run.count > 1 { runs.append(run) }
            }
            start = end
        }
        rows = (0..<columns.count).filter { suppliers[$0] != 0 && columns.amount[$0] > 0 && !reversed[$0] }
    }

    /// The reference's dictionary code, or nil when the row has none or a blank one.
    func reference(_ row: Int) -> Int32? {
        let code = columns.reference[row]
        return blankReference[Int(code)] ? nil : code
    }

    /// The reference's text, or nil when the row has none or a blank one.
    func referenceText(_ row: Int) -> String? {
        reference(row).flatMap { columns.references.value($0) }
    }

    /// Posting day, or nil when the line has none.
    func day(_ row: Int) -> Int32? {
        columns.postingDay[row] == Int32.min ? nil : columns.postingDay[row]
    }

    /// Where the line is booked: cost centre and GL account codes.
    func coding(_ row: Int) -> [Int32] {
        [costCentres[row], accounts[row]]
    }

    /// Per row: whether a credit reverses the payment. Credits are taken in row order; each looks at the payments
    /// of its run (`keys` in run order) that earlier credits left.
    private func reversedPayments(_ keys: [Key], windowDays: Int) -> [Bool] {
        var reversed = [Bool](repeating: false, count: columns.count)
        for credit in 0..<columns.count where suppliers[credit] != 0 && columns.amount[credit] < 0 {
            let (supplier, amount) = (suppliers[credit], -columns.amount[credit])
            var low = 0
            var high = keys.count
            while low < high {
                let middle = (low + high) / 2
                if (keys[middle].supplier, keys[middle].amount) < (supplier, amount) {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            var end = low
            while end < keys.count, keys[end].supplier == supplier, keys[end].amount == amount { end += 1 }
            if let row = reversedRow(in: keys[low..<end], by: credit, reversed: reversed, windowDays) {
                reversed[row] = true
            }
        }
        return reversed
    }

    /// The payment of `run` that `credit` reverses, if any: among those not yet `reversed`, one with the same
    /// reference first, then the nearest in date within `windowDays`, then the first in run order.
    private func reversedRow(in run: ArraySlice<Key>, by credit: Int, reversed: [Bool], _ windowDays: Int) -> Int? {
        let reference = reference(credit)
        var best: (sameReference: Bool, distance: Int, row: Int)?
        for key in run where !reversed[key.row] {
            let row = key.row
            let sameReference = reference != nil && self.reference(row) == reference
            let distance = day(row).flatMap { left in day(credit).map { Int(left) - Int($0) } }.map(abs)
            guard sameReference || (distance ?? Int.max) <= windowDays else { continue }
            let candidate = (sameReference, distance ?? Int.max, row)
            if let current = best,
                current.sameReference && !sameReference
                    || current.sameReference == sameReference && current.distance <= candidate.1
            {
                continue
            }
            best = candidate
        }
        return best?.row
    }
}
