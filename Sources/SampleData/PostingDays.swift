/// Assigns posting days to the rows of one period so that dates rise with the row order and fall mostly
/// on weekdays (a weekend day gets 6 % of a weekday's rows).
struct PostingDays: Sendable {
    /// The ISO date of each day of the month, index 0 = day 1.
    let dateFields: [CSVField]
    /// The row offset (within the period) at which each day starts.
    private let dayStarts: [Double]

    init(period: FiscalPeriod, rowCount: Int) {
        let days = (1...CivilDate.daysInMonth(year: period.year, month: period.month))
            .map {
                CivilDate(year: period.year, month: period.month, day: $0)
            }
        let weights = days.map { $0.isWeekend ? 0.06 : 1.0 }
        let total = weights.reduce(0, +)
        var running = 0.0
        dayStarts = weights.map { weight in
            defer { running += weight }
            return running / total * Double(rowCount)
        }
        dateFields = days.map { CSVField($0.iso8601) }
    }

    /// The number of days in the month.
    var dayCount: Int { dateFields.count }

    /// The day of month (1-based) of the row at `offset` within the period.
    func day(atOffset offset: Int) -> Int {
        let position = Double(offset) + 0.5
        var low = 0
        var high = dayStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if dayStarts[middle] <= position { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }
}
