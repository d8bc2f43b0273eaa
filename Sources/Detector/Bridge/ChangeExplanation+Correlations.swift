import Shared

extension ChangeExplanation {
    /// Pearson correlation of the three largest contributors per dimension with the slice's total, over the
    /// periods up to `to` (at most 24).
    ///
    /// Every series is summed in one pass over the periods' lines (each in line order, as one pass per series
    /// would sum it).
    static func correlations(
        bridges: [VarianceBridge],
        columns: LedgerColumns,
        index: PeriodIndex,
        to: FiscalPeriod,
        inSlice: (Int) -> Bool
    ) -> [Correlation] {
        let periods = Array(index.periods.filter { $0 <= to }.suffix(24))
        guard periods.count >= 3 else { return [] }
        // The contributors whose member has a code, in bridge and step order: (dimension, member, codes, code).
        let members: [(dimension: LedgerDimension, member: String, codes: [Int32], code: Int32)] = bridges.flatMap {
            bridge in
            let dictionary = columns.dictionary(bridge.dimension)
            return bridge.steps.prefix(3)
                .compactMap { step in
                    dictionary.code(of: step.member)
                        .map { (bridge.dimension, step.member, columns.codes(bridge.dimension), $0) }
                }
        }
        var total = [Double](repeating: 0, count: periods.count)
        var series = [[Double]](repeating: total, count: members.count)
        for (position, period) in periods.enumerated() {
            for row in index.rows(period) where inSlice(row) {
                let amount = Double(columns.amount[row])
                total[position] += amount
                for (number, member) in members.enumerated() where member.codes[row] == member.code {
                    series[number][position] += amount
                }
            }
        }
        return members.indices.compactMap { number in
            pearson(series[number], total)
                .map {
                    Correlation(dimension: members[number].dimension, member: members[number].member, coefficient: $0)
                }
        }
    }

    /// Pearson's r, or nil when either series is constant.
    static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var covariance = 0.0
        var varianceX = 0.0
        var varianceY = 0.0
        for index in x.indices {
            covariance += (x[index] - meanX) * (y[index] - meanY)
            varianceX += (x[index] - meanX) * (x[index] - meanX)
            varianceY += (y[index] - meanY) * (y[index] - meanY)
        }
        guard varianceX > 0, varianceY > 0 else { return nil }
        return covariance / (varianceX * varianceY).squareRoot()
    }
}
