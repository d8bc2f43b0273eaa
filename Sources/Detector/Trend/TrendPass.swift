import Foundation
public import Shared

/// Settings of the trend pass.
///
/// - Configuration keys (`detector.trend.*`): `threshold` (0.30), `min_significance` (3.0); materiality is
///   `detector.materiality`. `max_findings` caps the findings after ranking (``FindingRanking``), not the pass.
public struct TrendConfiguration: Sendable {
    /// Smallest relative change flagged, against a sign-safe base `|previous|`.
    public var threshold: Double
    /// Smallest robust z-score of the change among the slice's own period-to-period changes.
    public var minimumSignificance: Double
    /// Smallest absolute change flagged, in minor units.
    public var materiality: Int64
    /// Year-end periods: compared only with the same period of other years, never month over month.
    public var yearEndPeriods: Set<Int>
    /// An ordinary period whose organisation holds fewer lines than this share of the median period's is sparse
    /// (stray dates, a month not loaded yet): no change is measured to or from it (`detector.completeness.min_share`).
    public var minimumPeriodShare: Double

    /// Creates a configuration with the documented defaults.
    public init(
        threshold: Double = 0.30,
        minimumSignificance: Double = 3.0,
        materiality: Int64 = 0,
        yearEndPeriods: Set<Int> = [13, 14, 15, 16],
        minimumPeriodShare: Double = 0.5
    ) {
        self.yearEndPeriods = yearEndPeriods
        self.minimumPeriodShare = minimumPeriodShare
        self.threshold = threshold
        self.minimumSignificance = minimumSignificance
        self.materiality = materiality
    }
}

/// One slice's spend changing from one period to another.
public struct SliceChange: Sendable, Equatable {
    /// nil for the organisation's total.
    public var dimension: LedgerDimension?
    /// The member ("" for the total).
    public var member: String
    /// The period compared.
    public var period: FiscalPeriod
    /// The period it is compared with (previous period, or the same period last year).
    public var base: FiscalPeriod
    /// Spend in `base`, minor units.
    public var previous: Int64
    /// Spend in `period`, minor units.
    public var current: Int64
    /// Journal lines in `base`.
    public var previousLines: Int
    /// Journal lines in `period`.
    public var currentLines: Int
    /// |robust z-score| of the change in spend among the slice's changes over all periods.
    public var amountSignificance: Double
    /// |robust z-score| of the change in line count among the slice's changes over all periods.
    public var lineSignificance: Double

    /// The larger of the two significances: a change is unusual in money or in the number of postings.
    public var significance: Double { max(amountSignificance, lineSignificance) }

    /// current − previous.
    public var delta: Int64 { current - previous }
    /// delta / |previous| (infinite when previous is 0).
    public var relativeChange: Double {
        previous == 0 ? (delta == 0 ? 0 : .infinity) : Double(delta) / Double(previous.magnitude)
    }
}

/// Month-over-month and year-over-year change per slice (total, directorate, cost centre, GL account,
/// functional area), from the per-period totals PostgreSQL computed.
///
/// A change is flagged when it is at least ``TrendConfiguration/threshold`` of `|previous|` (so a credit-heavy
/// slice's sign cannot flip the test), at least the materiality in money, and unusual for the slice: the robust
/// z-score of the change in spend, or of the change in the number of lines, among the slice's own
/// period-to-period changes is at least ``TrendConfiguration/minimumSignificance``. (A cost centre whose spend
/// swings ±50 % every month is not news at +60 %; twice its usual number of invoices is.) Findings are ranked by
/// significance.
///
/// Ordinary periods far below the median period's number of lines (``TrendConfiguration/minimumPeriodShare``),
/// such as months that only hold a few lines with stray dates, are not compared with anything, and a slice that
/// holds every line of the organisation (a dimension the ledger leaves empty) is not analysed twice.
///
/// Year-end periods (``TrendConfiguration/yearEndPeriods``, 13–16 by default) are judged against other
/// year-ends only: each is compared with the same period a year earlier, and the change's significance is
/// measured among the slice's year-end changes (a year-over-year finding). They take no part in
/// month-over-month changes or in the ordinary months' statistics.
public struct TrendPass: Sendable {
    private let configuration: TrendConfiguration

    /// Creates the pass.
    public init(configuration: TrendConfiguration) {
        self.configuration = configuration
    }

    /// Every flagged month-over-month and year-over-year change, most significant first.
    public func run(_ totals: [LedgerReader.SliceTotal]) -> (monthOverMonth: [SliceChange], yearOverYear: [SliceChange])
    {
        var series: [SliceKey: [FiscalPeriod: (amount: Int64, lines: Int)]] = [:]
        for total in totals {
            series[SliceKey(dimension: total.dimension, member: total.member), default: [:]][total.period] = (
                total.amount, total.lines
            )
        }
        let latest = totals.map(\.period).max()
        let yearEnd = configuration.yearEndPeriods
        let organisation = series[SliceKey(dimension: nil, member: "")] ?? [:]
        let sparse = Self.sparsePeriods(organisation, yearEnd: yearEnd, share: configuration.minimumPeriodShare)
        var monthOverMonth: [SliceChange] = []
        var yearOverYear: [SliceChange] = []
        for (key, amounts) in series {
            guard let latest else { continue }
            // A slice holding every line of the organisation (a dimension the ledger does not fill) says nothing
            // the organisation's own changes do not.
            if key.dimension != nil, Self.same(amounts, organisation) { continue }
            let regular = amounts.keys.filter { $0.period <= 12 }
            var ordinary: [FiscalPeriod] = []
            if let first = regular.min(), let last = regular.max() {
                ordinary = Self.regularPeriods(from: first, to: last)
            }
            let pairs = { (base: KeyPath<FiscalPeriod, FiscalPeriod>) in
                ordinary.filter { !yearEnd.contains($0.period) }.map { ($0, $0[keyPath: base]) }
                    .filter { pair in
                        pair.1 >= ordinary[0] && !yearEnd.contains(pair.1.period) && !sparse.contains(pair.0)
                            && !sparse.contains(pair.1)
                    }
            }
            let rises = flagged(key: key, amounts: amounts, pairs: pairs(\.previous))
            let yearEnds = flagged(key: key, amounts: amounts, pairs: Self.yearEndPairs(yearEnd, amounts, latest))
            // A change measured against a base period that was itself flagged the other way is an echo (the
            // fall back after a spike, or last year's spike seen from this year) and is not reported again.
            let abnormal = Dictionary(
                (rises + yearEnds).map { ($0.period, $0.delta > 0) },
                uniquingKeysWith: { first, _ in first }
            )
            func isEcho(_ change: SliceChange) -> Bool {
                guard let baseRose = abnormal[change.base] else { return false }
                return baseRose != (change.delta > 0)
            }
            monthOverMonth += rises.filter { !isEcho($0) }
            yearOverYear += (flagged(key: key, amounts: amounts, pairs: pairs(\.sameLastYear)) + yearEnds)
                .filter { !isEcho($0) }
        }
        func ordered(_ changes: [SliceChange]) -> [SliceChange] {
            changes.sorted {
                $0.significance != $1.significance
                    ? $0.significance > $1.significance
                    : ($0.period, $0.dimension?.rawValue ?? "", $0.member) < (
                        $1.period, $1.dimension?.rawValue ?? "", $1.member
                    )
            }
        }
        return (ordered(monthOverMonth), ordered(yearOverYear))
    }

    private struct SliceKey: Hashable {
        var dimension: LedgerDimension?
        var member: String
    }

    /// The ordinary periods from the organisation's first to its last whose lines are fewer than `share` of the
    /// median ordinary period's (a period without lines is sparse).
    static func sparsePeriods(
        _ organisation: [FiscalPeriod: (amount: Int64, lines: Int)],
        yearEnd: Set<Int>,
        share: Double
    ) -> Set<FiscalPeriod> {
        let ordinary = organisation.filter { $0.key.period <= 12 && !yearEnd.contains($0.key.period) }
        guard let first = ordinary.keys.min(), let last = ordinary.keys.max() else { return [] }
        let lines = ordinary.values.map(\.lines).sorted()
        let median = lines[(lines.count - 1) / 2]
        return Set(
            regularPeriods(from: first, to: last)
                .filter { !yearEnd.contains($0.period) && Double(ordinary[$0]?.lines ?? 0) < share * Double(median) }
        )
    }

    /// Whether two series hold the same amounts and lines in every period.
    private static func same(
        _ left: [FiscalPeriod: (amount: Int64, lines: Int)],
        _ right: [FiscalPeriod: (amount: Int64, lines: Int)]
    ) -> Bool {
        left.count == right.count
            && left.allSatisfy { period, value in
                right[period].map { $0.amount == value.amount && $0.lines == value.lines } ?? false
            }
    }

    /// Each year-end period of `amounts` against the same period a year earlier, from the slice's first year to
    /// the ledger's `latest` period, when either of the two holds lines.
    static func yearEndPairs(
        _ yearEnd: Set<Int>,
        _ amounts: [FiscalPeriod: (amount: Int64, lines: Int)],
        _ latest: FiscalPeriod
    ) -> [(FiscalPeriod, FiscalPeriod)] {
        let years = amounts.keys.map(\.year)
        guard let firstYear = years.min(), let lastYear = years.max(), firstYear < lastYear else { return [] }
        return yearEnd.sorted()
            .flatMap { period in
                (firstYear + 1...lastYear)
                    .map { (FiscalPeriod(year: $0, period: period), FiscalPeriod(year: $0 - 1, period: period)) }
            }
            .filter { $0.0 <= latest && (amounts[$0.0] != nil || amounts[$0.1] != nil) }
    }

    private func flagged(
        key: SliceKey,
        amounts: [FiscalPeriod: (amount: Int64, lines: Int)],
        pairs: [(FiscalPeriod, FiscalPeriod)]
    ) -> [SliceChange] {
        guard pairs.count >= 3 else { return [] }
        func value(_ period: FiscalPeriod) -> (amount: Int64, lines: Int) { amounts[period] ?? (0, 0) }
        let amountDeltas = pairs.map { Double(value($0.0).amount - value($0.1).amount) }
        let lineDeltas = pairs.map { Double(value($0.0).lines - value($0.1).lines) }
        var scratch = amountDeltas
        let amountStatistics = RobustStatistics(sorting: &scratch)
        scratch = lineDeltas
        let lineStatistics = RobustStatistics(sorting: &scratch)
        var result: [SliceChange] = []
        for (index, (period, basePeriod)) in pairs.enumerated() {
            let change = SliceChange(
                dimension: key.dimension,
                member: key.member,
                period: period,
                base: basePeriod,
                previous: value(basePeriod).amount,
                current: value(period).amount,
                previousLines: value(basePeriod).lines,
                currentLines: value(period).lines,
                amountSignificance: abs(amountStatistics.modifiedZScore(amountDeltas[index])),
                lineSignificance: abs(lineStatistics.modifiedZScore(lineDeltas[index]))
            )
            guard change.delta.magnitude >= configuration.materiality.magnitude,
                abs(change.relativeChange) >= configuration.threshold,
                change.significance >= configuration.minimumSignificance
            else { continue }
            result.append(change)
        }
        return result
    }

    /// Periods 1–12 of every year from `first` to `last`, in order.
    static func regularPeriods(from first: FiscalPeriod, to last: FiscalPeriod) -> [FiscalPeriod] {
        var periods: [FiscalPeriod] = []
        var period = first
        while period <= last {
            periods.append(period)
            period =
                period.period >= 12
                ? FiscalPeriod(year: period.year + 1, period: 1)
                : FiscalPeriod(year: period.year, period: period.period + 1)
        }
        return periods
    }
}
