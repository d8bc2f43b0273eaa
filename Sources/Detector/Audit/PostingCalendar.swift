/// Weekdays of posting dates given as days since 1970-01-01, which was a Thursday.
enum PostingCalendar {
    /// The weekday of `day`: 0 = Monday … 5 = Saturday, 6 = Sunday.
    static func weekday(ofDay day: Int32) -> Int {
        (Int(day) % 7 + 7 + 3) % 7
    }

    /// Whether `day` is a Saturday or a Sunday.
    static func isWeekend(_ day: Int32) -> Bool {
        weekday(ofDay: day) >= 5
    }
}
