import Shared

extension PaymentSchedules {
    /// The lines of `candidates` that are payments of a schedule: their supplier was booked the same signed
    /// amount, to the minor unit, in at least `minimumPeriods` fiscal periods (rent, an instalment, a care
    /// package; a recurring credit such as a monthly rebate likewise). Such a line is a schedule, not an outlier.
    ///
    /// Only the candidates' suppliers and amounts are counted, in one pass over the ledger; `minimumPeriods` 0
    /// finds none.
    static func scheduled(_ candidates: [Int], in columns: LedgerColumns, minimumPeriods: Int) -> Set<Int> {
        let suppliers = columns.codes(.supplier)
        var periods: [Key: Set<Int32>] = [:]
        for row in candidates where suppliers[row] != 0 {
            periods[Key(supplier: suppliers[row], amount: columns.amount[row])] = []
        }
        guard minimumPeriods > 0, !periods.isEmpty else { return [] }
        let amounts = Set(periods.keys.map(\.amount))
        for row in 0..<columns.count where amounts.contains(columns.amount[row]) {
            let key = Key(supplier: suppliers[row], amount: columns.amount[row])
            if periods[key] != nil {
                periods[key]!.insert(Int32(columns.fiscalYear[row]) * 100 + Int32(columns.period[row]))
            }
        }
        return Set(
            candidates.filter { row in
                suppliers[row] != 0
                    && periods[Key(supplier: suppliers[row], amount: columns.amount[row])]!.count >= minimumPeriods
            }
        )
    }
}
