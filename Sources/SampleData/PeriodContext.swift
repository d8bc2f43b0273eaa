/// What the writer needs while it is inside one period: the period, its rows and its pre-encoded fields.
struct PeriodContext: Sendable {
    let fiscalPeriod: FiscalPeriod
    /// The 0-based rows of the period.
    let rows: Range<Int>
    let postingDays: PostingDays
    let postingPeriodField: CSVField
    let fiscalYearField: CSVField

    init(index: Int, timeline: PeriodTimeline) {
        fiscalPeriod = timeline.period(index)
        rows = timeline.rows(ofPeriod: index)
        postingDays = PostingDays(period: fiscalPeriod, rowCount: rows.count)
        postingPeriodField = CSVField(String(fiscalPeriod.month))
        fiscalYearField = CSVField(String(fiscalPeriod.year))
    }
}
