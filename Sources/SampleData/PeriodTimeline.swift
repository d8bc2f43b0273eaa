/// One monthly posting period: fiscal year = calendar year, period = month.
struct FiscalPeriod: Sendable, Hashable {
    /// 0-based position in the run.
    let index: Int
    let year: Int
    let month: Int

    /// `YYYY-PP`, e.g. `2024-07`.
    var label: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    /// How much more (or less) is spent per row than an account's typical amount: 5 % growth a year times a
    /// mild seasonal profile that peaks in December.
    var spendFactor: Double {
        let growth = (0..<(index / 12)).reduce(1.0) { factor, _ in factor * 1.05 }
        return growth * Self.seasonality[month - 1]
    }

    private static let seasonality = [0.95, 0.97, 1.02, 1.00, 1.00, 1.03, 0.98, 1.00, 1.02, 1.00, 1.04, 1.10]
}

/// Spreads the rows of a run over its periods in time order: row `i` belongs to period `⌊i·P/N⌋`.
struct PeriodTimeline: Sendable {
    let rowCount: Int
    let periodCount: Int
    let firstFiscalYear: Int

    init(configuration: SampleGeneratorConfiguration) {
        rowCount = configuration.rows
        periodCount = configuration.periodCount
        firstFiscalYear = configuration.firstFiscalYear
    }

    /// The period of a 0-based row.
    func periodIndex(ofRow row: Int) -> Int {
        row * periodCount / rowCount
    }

    /// The rows of a period; empty when there are fewer rows than periods.
    func rows(ofPeriod index: Int) -> Range<Int> {
        firstRow(ofPeriod: index)..<firstRow(ofPeriod: index + 1)
    }

    /// The period with the given index.
    func period(_ index: Int) -> FiscalPeriod {
        FiscalPeriod(index: index, year: firstFiscalYear + index / 12, month: index % 12 + 1)
    }

    /// The smallest row `i` with `⌊i·P/N⌋ ≥ index`.
    private func firstRow(ofPeriod index: Int) -> Int {
        (index * rowCount + periodCount - 1) / periodCount
    }
}
