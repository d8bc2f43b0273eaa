import Shared

/// The ledger's payments as the duplicate payment test reads them: lines with a supplier and an amount above
/// zero, less those a credit reverses, grouped into runs of the same supplier and amount.
///
/// A credit (a negative line) reverses one payment of the same supplier and the same amount: the one with the
/// same reference, else the one nearest in date within `windowDays`; the nearest wins, then the earlier row. A
/// payment made twice and refunded once is no longer a duplicate.
struct PaymentLines {
    let columns: LedgerColumns
    let suppliers: [Int32]
    let costCentres: [Int32]
    let accounts: [Int32]
    /// Per reference dictionary code: whether the reference is absent or blank.
    private let blankReference: [Bool]
    /// Rows of the same supplier and amount, each in (posting day, row) order; a row without a posting day
    /// comes first. Runs are ordered by (supplier, amount).
    private(set) var runs: [[Int]] = []
    /// Payments reversed by a credit.
    private(set) var reversedCount = 0

    init(_ columns: LedgerColumns, windowDays: Int) {
        self.columns = columns
        suppliers = columns.codes(.supplier)
        costCentres = columns.codes(.costCenter)
        accounts = columns.codes(.glAccount)
        blankReference = columns.references.values.map { $0.allSatisfy(\.isWhitespace) }
        var rows = (0..<columns.count).filter { suppliers[$0] != 0 && columns.amount[$0] > 0 }
        rows.sort { left, right in
            (suppliers[left], columns.amount[left], columns.postingDay[left], left)
                < (suppliers[right], columns.amount[right], columns.postingDay[right], right)
        }
        var runs: [[Int]] = []
        for row in rows {
            if let last = runs.last?.last, suppliers[last] == suppliers[row],
                columns.amount[last] == columns.amount[row]
            {
                runs[runs.count - 1].append(row)
            } else {
                runs.append([row])
            }
        }
        self.runs = runs
        cancelReversals(windowDays: windowDays)
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

    /// Every payment left after reversals, in row order.
    var rows: [Int] { runs.joined().sorted() }

    private mutating func cancelReversals(windowDays: Int) {
        var runIndex: [PaymentSchedules.Key: Int] = [:]
        for (index, run) in runs.enumerated() {
            runIndex[PaymentSchedules.Key(supplier: suppliers[run[0]], amount: columns.amount[run[0]])] = index
        }
        for credit in 0..<columns.count where suppliers[credit] != 0 && columns.amount[credit] < 0 {
            let key = PaymentSchedules.Key(supplier: suppliers[credit], amount: -columns.amount[credit])
            guard let index = runIndex[key], let position = reversedPosition(in: runs[index], by: credit, windowDays)
            else { continue }
            runs[index].remove(at: position)
            reversedCount += 1
        }
        runs.removeAll { $0.isEmpty }
    }

    /// The position in `run` of the payment `credit` reverses, if any.
    private func reversedPosition(in run: [Int], by credit: Int, _ windowDays: Int) -> Int? {
        let reference = reference(credit)
        var best: (sameReference: Bool, distance: Int, position: Int)?
        for (position, row) in run.enumerated() {
            let sameReference = reference != nil && self.reference(row) == reference
            let distance = day(row).flatMap { left in day(credit).map { Int(left) - Int($0) } }.map(abs)
            guard sameReference || (distance ?? Int.max) <= windowDays else { continue }
            let candidate = (sameReference, distance ?? Int.max, position)
            if let current = best,
                current.sameReference && !sameReference
                    || current.sameReference == sameReference && current.distance <= candidate.1
            {
                continue
            }
            best = candidate
        }
        return best?.position
    }
}
