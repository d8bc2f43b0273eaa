/// A proleptic Gregorian calendar date, with the little calendar arithmetic the generator needs.
///
/// Written out rather than taken from Foundation's `Calendar`, so that dates never depend on a time zone,
/// locale or platform.
struct CivilDate: Sendable, Hashable {
    var year: Int
    var month: Int
    var day: Int

    /// The number of days in `month` of `year`.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whether `year` has a 29 February.
    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Whether the date is a Saturday or Sunday (1970-01-01 was a Thursday).
    var isWeekend: Bool {
        let weekday = ((daysSinceEpoch % 7) + 7 + 3) % 7  // 0 = Monday … 6 = Sunday
        return weekday >= 5
    }

    /// The ISO 8601 form `YYYY-MM-DD` (years 1000...9999).
    var iso8601: String {
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(twoDigits(month))-\(twoDigits(day))"
    }
}
