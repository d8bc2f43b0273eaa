import Shared
/// Finds groups of lines that look like one payment made more than once, with one sort of the ledger.
///
/// Lines are linked when they have the same supplier and the same non-zero signed amount and either
/// - posting dates at most `windowDays` apart (lines without a posting date never link this way), or
/// - the same non-empty reference, on any date.
/// A group is a connected set of linked lines (so days 1, 3 and 5 with a window of 3 form one group of three)
/// and is reported once. Lines without a supplier are left out. Sorting by (supplier, amount, day) costs
/// O(n log n); the linking after it is linear.
struct DuplicatePaymentGroups {
    /// Lines linked as above within a window of this many days.
    let windowDays: Int

    /// The groups of at least two rows, each in (posting day, row) order, ordered by their first row.
    func groups(in columns: LedgerColumns) -> [[Int]] {
        let keys = sortedKeys(columns)
        var groups: [[Int]] = []
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count, keys[end].supplier == keys[start].supplier, keys[end].amount == keys[start].amount {
                end += 1
            }
            if end - start > 1 {
                groups += linkedGroups(keys[start..<end], columns: columns)
            }
            start = end
        }
        return groups.sorted { $0[0] < $1[0] }
    }

    private struct Key: Comparable {
        let supplier: Int32
        let amount: Int64
        let day: Int32
        let row: Int

        static func < (left: Key, right: Key) -> Bool {
            (left.supplier, left.amount, left.day, left.row) < (right.supplier, right.amount, right.day, right.row)
        }
    }

    private func sortedKeys(_ columns: LedgerColumns) -> [Key] {
        let suppliers = columns.codes(.supplier)
        var keys: [Key] = []
        keys.reserveCapacity(columns.count)
        for row in 0..<columns.count where suppliers[row] != 0 && columns.amount[row] != 0 {
            let key = Key(supplier: suppliers[row], amount: columns.amount[row], day: columns.postingDay[row], row: row)
            keys.append(key)
        }
        keys.sort()
        return keys
    }

    /// The connected groups of one run of lines with the same supplier and amount, sorted by day.
    private func linkedGroups(_ run: ArraySlice<Key>, columns: LedgerColumns) -> [[Int]] {
        let run = Array(run)
        var links = UnionFind(count: run.count)
        var firstWithReference: [Int32: Int] = [:]
        for index in run.indices {
            if index > 0, run[index - 1].day != Int32.min,
                Int(run[index].day) - Int(run[index - 1].day) <= windowDays
            {
                links.union(index - 1, index)
            }
            if columns.referenceText(ofRow: run[index].row) != nil {
                let reference = columns.reference[run[index].row]
                if let first = firstWithReference[reference] {
                    links.union(first, index)
                } else {
                    firstWithReference[reference] = index
                }
            }
        }
        var members: [Int: [Int]] = [:]
        for index in run.indices {
            members[links.root(of: index), default: []].append(run[index].row)
        }
        return members.values.filter { $0.count > 1 }
    }
}

/// Disjoint sets over 0..<count with path halving.
private struct UnionFind {
    private var parent: [Int]

    init(count: Int) {
        parent = Array(0..<count)
    }

    mutating func root(of element: Int) -> Int {
        var element = element
        while parent[element] != element {
            parent[element] = parent[parent[element]]
            element = parent[element]
        }
        return element
    }

    mutating func union(_ first: Int, _ second: Int) {
        let (firstRoot, secondRoot) = (root(of: first), root(of: second))
        if firstRoot != secondRoot { parent[max(firstRoot, secondRoot)] = min(firstRoot, secondRoot) }
    }
}
