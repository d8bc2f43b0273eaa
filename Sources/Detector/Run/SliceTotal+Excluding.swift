import Shared

extension LedgerReader.SliceTotal {
    /// `totals` with the given lines' amounts and counts taken out of every slice they belong to.
    static func excluding(_ rows: [Int], from totals: [LedgerReader.SliceTotal], columns: LedgerColumns)
        -> [LedgerReader.SliceTotal]
    {
        guard !rows.isEmpty else { return totals }
        struct Key: Hashable {
            var dimension: LedgerDimension?
            var member: String
            var period: FiscalPeriod
        }
        var removed: [Key: (amount: Int64, lines: Int)] = [:]
        for row in rows {
            let period = FiscalPeriod(year: Int(columns.fiscalYear[row]), period: Int(columns.period[row]))
            var keys = [Key(dimension: nil, member: "", period: period)]
            for dimension in LedgerDimension.slices {
                keys.append(
                    Key(
                        dimension: dimension,
                        member: columns.dictionary(dimension).value(columns.codes(dimension)[row]) ?? "",
                        period: period
                    )
                )
            }
            for key in keys {
                removed[key, default: (0, 0)].amount += columns.amount[row]
                removed[key, default: (0, 0)].lines += 1
            }
        }
        return totals.map { total in
            guard let minus = removed[Key(dimension: total.dimension, member: total.member, period: total.period)]
            else { return total }
            var adjusted = total
            adjusted.amount -= minus.amount
            adjusted.lines -= minus.lines
            return adjusted
        }
    }
}
