import Shared

/// Recurring payments recognised as a schedule: the same supplier paid the same positive amount, to the minor
/// unit, in at least `minimumPeriods` different fiscal periods (rent, a contract instalment, a care package, a
/// subscription). Several such lines in one period are part of the schedule too (one per resident, per site).
///
/// A pure helper for any pass: the duplicate payment test does not report equal payments of a schedule made
/// under different references. Built with one sort of the ledger's positive supplier lines, O(n log n).
struct PaymentSchedules: Sendable {
    /// A supplier (dictionary code of ``LedgerDimension/supplier``) and an amount in minor units.
    struct Key: Hashable, Sendable {
        let supplier: Int32
        let amount: Int64
    }

    /// The schedules, each with the number of fiscal periods it is paid in.
    let periodsPaid: [Key: Int]

    /// Recognises the schedules of `columns`: lines with a supplier and an amount above zero whose (supplier,
    /// amount) is paid in at least `minimumPeriods` fiscal periods.
    init(_ columns: LedgerColumns, minimumPeriods: Int) {
        let suppliers = columns.codes(.supplier)
        var keys: [PeriodKey] = []
        for row in 0..<columns.count where suppliers[row] != 0 && columns.amount[row] > 0 {
            let period = Int32(columns.fiscalYear[row]) * 100 + Int32(columns.period[row])
            keys.append(PeriodKey(supplier: suppliers[row], period: period, amount: columns.amount[row]))
        }
        keys.sort()
        var periodsPaid: [Key: Int] = [:]
        var start = 0
        while start < keys.count {
            var end = start + 1
            var periods = 1
            while end < keys.count, keys[end].supplier == keys[start].supplier, keys[end].amount == keys[start].amount {
                if keys[end].period != keys[end - 1].period { periods += 1 }
                end += 1
            }
            if periods >= max(minimumPeriods, 1) {
                periodsPaid[Key(supplier: keys[start].supplier, amount: keys[start].amount)] = periods
            }
            start = end
        }
        self.periodsPaid = periodsPaid
    }

    /// A payment's supplier, amount and fiscal period (year × 100 + period), ordered in that order.
    private struct PeriodKey: Comparable {
        let supplier: Int32
        let period: Int32
        let amount: Int64

        static func < (left: PeriodKey, right: PeriodKey) -> Bool {
            (left.supplier, left.amount, left.period) < (right.supplier, right.amount, right.period)
        }
    }

    /// Whether the supplier with dictionary code `supplier` is paid `amount` (minor units) on a schedule.
    func contains(supplier: Int32, amount: Int64) -> Bool {
        periodsPaid[Key(supplier: supplier, amount: amount)] != nil
    }

    /// Whether `row` of `columns` is a payment of a schedule.
    func contains(row: Int, of columns: LedgerColumns) -> Bool {
        contains(supplier: columns.codes(.supplier)[row], amount: columns.amount[row])
    }

    /// The number of schedules.
    var count: Int { periodsPaid.count }
}
