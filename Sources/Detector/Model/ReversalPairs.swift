import Shared

/// Lines cancelled by their exact reversal: a debit and a credit on the same GL account and the same supplier
/// (both without one counts as the same) whose amounts are exact opposites, posted at most `windowDays` apart.
/// The pair is one event that did not happen (a posting and its correction, an accrual and its release), not two
/// outliers, and neither line is reported as one.
///
/// Pairing: each credit, in (posting day, row) order, takes the unmatched debit of its account, supplier and
/// amount with the same reference if one is within the window, else one of the same cost centre (a reversal negates
/// the posting as it was coded; the corrected posting that often follows it on the same day carries the new
/// coding), then the nearest in date, then the earlier row.
/// A line without a posting day pairs only with a line of the same fiscal period. Only accounts, suppliers and
/// amounts that have a credit are looked at, so the cost is one hash lookup per debit.
struct ReversalPairs: Sendable {
    /// A debit and the credit that reverses it (row indices in the ``LedgerColumns``).
    struct Pair: Sendable, Equatable {
        /// The positive line.
        let debit: Int
        /// The negative line.
        let credit: Int
    }

    /// The pairs, in credit row order.
    let pairs: [Pair]
    /// Per row: whether the line is one of a pair.
    let isPaired: [Bool]

    /// Pairs the lines of `columns` whose posting days are at most `windowDays` apart.
    init(_ columns: LedgerColumns, windowDays: Int) {
        struct Key: Hashable {
            let account: Int32
            let supplier: Int32
            let magnitude: Int64
        }
        let accounts = columns.codes(.glAccount)
        let suppliers = columns.codes(.supplier)
        var credits: [Key: [Int]] = [:]
        for row in 0..<columns.count where columns.amount[row] < 0 {
            credits[Key(account: accounts[row], supplier: suppliers[row], magnitude: -columns.amount[row]), default: []]
                .append(row)
        }
        var debits: [Key: [Int]] = [:]
        if !credits.isEmpty {
            for row in 0..<columns.count where columns.amount[row] > 0 {
                let key = Key(account: accounts[row], supplier: suppliers[row], magnitude: columns.amount[row])
                if credits[key] != nil { debits[key, default: []].append(row) }
            }
        }
        let matcher = Matcher(columns: columns, windowDays: windowDays)
        var pairs: [Pair] = []
        for (key, candidates) in debits {
            pairs += matcher.pairs(debits: candidates, credits: credits[key]!)
        }
        pairs.sort { $0.credit < $1.credit }
        var isPaired = [Bool](repeating: false, count: columns.count)
        for pair in pairs {
            isPaired[pair.debit] = true
            isPaired[pair.credit] = true
        }
        self.pairs = pairs
        self.isPaired = isPaired
    }

    /// The rows of every pair, ascending.
    var rows: [Int] { pairs.flatMap { [$0.debit, $0.credit] }.sorted() }

    /// Matches the credits and debits of one account, supplier and amount.
    private struct Matcher {
        let columns: LedgerColumns
        let windowDays: Int
        /// Per reference code: whether it is absent or blank.
        let blankReference: [Bool]
        /// Per row: its cost centre's code.
        let costCentres: [Int32]

        init(columns: LedgerColumns, windowDays: Int) {
            self.columns = columns
            self.windowDays = windowDays
            costCentres = columns.codes(.costCenter)
            blankReference = columns.references.blankFlags
        }

        func pairs(debits: [Int], credits: [Int]) -> [Pair] {
            let order = { (left: Int, right: Int) in
                (columns.postingDay[left], left) < (columns.postingDay[right], right)
            }
            let debits = debits.sorted(by: order)
            var used = [Bool](repeating: false, count: debits.count)
            var pairs: [Pair] = []
            for credit in credits.sorted(by: order) {
                let reference = reference(credit)
                var best: (rank: (Int, Int, Int), index: Int)?
                for (index, debit) in debits.enumerated() where !used[index] {
                    guard let distance = distance(debit, credit), distance <= windowDays else { continue }
                    let sameReference = reference != nil && self.reference(debit) == reference
                    let sameCostCentre = costCentres[debit] == costCentres[credit]
                    // Lower is better: same reference, same cost centre, fewer days apart.
                    let rank = (sameReference ? 0 : 1, sameCostCentre ? 0 : 1, distance)
                    if let current = best, current.rank <= rank { continue }
                    best = (rank, index)
                }
                if let best {
                    used[best.index] = true
                    pairs.append(Pair(debit: debits[best.index], credit: credit))
                }
            }
            return pairs
        }

        /// Days between the two lines' postings; 0 for two lines of one period when either has no posting day
        /// (nil when their periods differ).
        private func distance(_ left: Int, _ right: Int) -> Int? {
            let (leftDay, rightDay) = (columns.postingDay[left], columns.postingDay[right])
            guard leftDay == Int32.min || rightDay == Int32.min else { return abs(Int(leftDay) - Int(rightDay)) }
            let samePeriod =
                columns.fiscalYear[left] == columns.fiscalYear[right] && columns.period[left] == columns.period[right]
            return samePeriod ? 0 : nil
        }

        private func reference(_ row: Int) -> Int32? {
            let code = columns.reference[row]
            return blankReference[Int(code)] ? nil : code
        }
    }
}
