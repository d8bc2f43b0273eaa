import Shared

/// Decides which rows carry which anomaly.
///
/// Sizes follow the row count N (P = number of periods); an anomaly that finds no room is left out:
/// - `mom_spike`: July of the last fiscal year; needs at least 5 rows in that period.
/// - `root_cause`: April of the last fiscal year; rows worth ~30 % of the period's spend (at least 3, at most a
///   tenth of the period's rows, or 3 when that is less); needs at least 2 rows left over in the period.
/// - `below_approval_limit`: min(15, max(3, N/150)) rows in one random period away from the two above, at
///   most the period's rows minus 2; needs N ≥ 100 and room for 3. Booked on one of the ten busiest cost
///   centres (not the spike's) and an account typically at least a tenth of the limit, so that the cluster
///   neither looks like point outliers nor, in a large run, like a spike of its cost centre.
/// - `duplicate_payment`: min(10, max(2, N/1000)) pairs when N ≥ 2000, 1 pair when N ≥ 100, else none.
/// - `point_outlier`: max(N/1000, 5) rows when N ≥ 2000, 1 row when N ≥ 100, else none; never on the spike
///   cost centre, and, while there are fewer outliers than periods, never in the root cause period or the
///   one before it.
/// A tiny run (e.g. 50 rows over 36 periods) therefore has no anomalies at all.
struct AnomalyPlanner {
    private let catalog: SampleCatalog
    private let timeline: PeriodTimeline
    private let rowFactory: RowFactory
    private let approvalLimit: Int64
    private var generator: SeededGenerator
    private var plannedRows: [Int: PlannedRow] = [:]

    init(configuration: SampleGeneratorConfiguration, catalog: SampleCatalog, timeline: PeriodTimeline) {
        self.catalog = catalog
        self.timeline = timeline
        self.rowFactory = RowFactory(catalog: catalog)
        self.generator = SeededGenerator(seed: configuration.seed, stream: .anomalyPlan)
        self.approvalLimit = configuration.approvalLimit.minorUnits
    }

    /// Plans every anomaly kind in a fixed order.
    mutating func plan() -> AnomalyPlan {
        let momSpike = planMomSpike()
        let rootCause = planRootCause()
        let busyPeriods = Set([momSpike?.period, rootCause?.period].compactMap(\.self).flatMap { [$0 - 1, $0] })
        let belowLimit = planBelowLimit(avoiding: busyPeriods, spikeCostCentre: momSpike?.costCentre)
        planDuplicatePayments()
        planPointOutliers(avoidingPeriodsOf: rootCause)
        return AnomalyPlan(plannedRows: plannedRows, momSpike: momSpike, rootCause: rootCause, belowLimit: belowLimit)
    }

    private var rowCount: Int { timeline.rowCount }

    /// The expected number of natural rows per period.
    private var rowsPerPeriod: Double { Double(rowCount) / Double(timeline.periodCount) }

    private mutating func planMomSpike() -> MomSpikePlan? {
        let period = timeline.periodCount - 6
        let rows = timeline.rows(ofPeriod: period)
        guard rows.count >= 5 else { return nil }
        let busiest = catalog.organisation.busiestCostCentres(10)
        let costCentre = busiest[generator.nextIndex(below: busiest.count)]
        let expectedRows = rowsPerPeriod * catalog.organisation.costCentreSampler.probability(of: costCentre)
        let growth = generator.nextDouble(in: 1.9..<2.3)
        let extraCount = min(max(2, Int((expectedRows * (growth - 1)).rounded())), max(2, rows.count / 3))
        guard extraCount + 3 <= rows.count else { return nil }
        let balanceRow = rows.upperBound - 1
        plannedRows[balanceRow] = .spikeBalance
        for row in freeRows(extraCount, in: rows.lowerBound..<balanceRow) {
            plannedRows[row] = .spikeExtra
        }
        let spendFactor = timeline.period(period).spendFactor
        return MomSpikePlan(
            costCentre: costCentre,
            period: period,
            baselineSpend: Int64((expectedRows * catalog.accounts.meanRowAmount * spendFactor).rounded())
        )
    }

    private mutating func planRootCause() -> RootCausePlan? {
        let period = timeline.periodCount - 9
        let fiscalPeriod = timeline.period(period)
        let rows = timeline.rows(ofPeriod: period)
        // The extra spend is spread over several large accounts, so the minimal description of the injected rows
        // is exactly directorate ∧ supplier, as labelled (one shared account would make it narrower).
        let accounts = catalog.accounts.largestAmongMostUsed(15, taking: 4)
        let accountMean =
            accounts.map { catalog.accounts.accounts[$0].meanAmount }.reduce(0, +) / Double(accounts.count)
            * fiscalPeriod.spendFactor
        let targetAmount = 0.3 * Double(rows.count) * catalog.accounts.meanRowAmount * fiscalPeriod.spendFactor
        let count = min(max(3, Int((targetAmount / accountMean).rounded())), max(3, rows.count / 10))
        guard count + 2 <= rows.count else { return nil }
        let directorate = generator.nextIndex(below: catalog.organisation.directorates.count)
        let costCentres = catalog.organisation.costCentresByDirectorate[directorate]
        var injectedAmount: Int64 = 0
        for (position, row) in freeRows(count, in: rows).enumerated() {
            let account = accounts[position % accounts.count]
            let amount = rowFactory.naturalAmount(account: account, period: fiscalPeriod, using: &generator)
            injectedAmount += amount
            plannedRows[row] = .rootCause(
                costCentre: costCentres[generator.nextIndex(below: costCentres.count)],
                account: account,
                amount: amount
            )
        }
        return RootCausePlan(
            directorate: directorate,
            supplier: generator.nextInt(in: 20...199),
            period: period,
            injectedAmount: injectedAmount
        )
    }

    private mutating func planBelowLimit(avoiding busyPeriods: Set<Int>, spikeCostCentre: Int?) -> BelowLimitPlan? {
        guard rowCount >= 100 else { return nil }
        let candidates = (0..<timeline.periodCount).filter { !busyPeriods.contains($0) }
        let period = candidates[generator.nextIndex(below: candidates.count)]
        let rows = timeline.rows(ofPeriod: period)
        let count = min(15, max(3, rowCount / 150), rows.count - 2)
        guard count >= 3 else { return nil }
        let lowest = approvalLimit - approvalLimit * 3 / 100
        for row in freeRows(count, in: rows) {
            plannedRows[row] = .belowApprovalLimit(
                amount: lowest + Int64(generator.nextIndex(below: Int(approvalLimit - lowest)))
            )
        }
        let costCentres = catalog.organisation.busiestCostCentres(11).filter { $0 != spikeCostCentre }
        let accounts = catalog.accounts.accounts(typicallyAtLeast: Double(approvalLimit) / 10)
        return BelowLimitPlan(
            supplier: generator.nextInt(in: 20...299),
            costCentre: costCentres[generator.nextIndex(below: costCentres.count)],
            account: accounts[generator.nextIndex(below: accounts.count)],
            period: period
        )
    }

    private mutating func planDuplicatePayments() {
        let pairCount = rowCount >= 2000 ? min(10, max(2, rowCount / 1000)) : (rowCount >= 100 ? 1 : 0)
        for _ in 0..<pairCount {
            for _ in 0..<100 {
                let original = generator.nextIndex(below: rowCount)
                let copy = original + generator.nextInt(in: 1...4)
                guard copy < rowCount,
                    timeline.periodIndex(ofRow: original) == timeline.periodIndex(ofRow: copy),
                    plannedRows[original] == nil, plannedRows[copy] == nil
                else { continue }
                plannedRows[original] = .duplicateOriginal(copyRow: copy)
                plannedRows[copy] = .duplicateCopy(originalRow: original, delayDays: generator.nextInt(in: 0...3))
                break
            }
        }
    }

    private mutating func planPointOutliers(avoidingPeriodsOf rootCause: RootCausePlan?) {
        let count = rowCount >= 2000 ? max(5, rowCount / 1000) : (rowCount >= 100 ? 1 : 0)
        // A lone outlier would swamp the root cause's change; many outliers average out, and leaving them out
        // of two periods would then itself look like a change.
        let excludedPeriods: Set<Int> =
            if let rootCause, count < timeline.periodCount {
                [rootCause.period - 1, rootCause.period]
            } else {
                []
            }
        for _ in 0..<count {
            for _ in 0..<100 {
                let row = generator.nextIndex(below: rowCount)
                guard plannedRows[row] == nil, !excludedPeriods.contains(timeline.periodIndex(ofRow: row)) else {
                    continue
                }
                plannedRows[row] = .pointOutlier(multiplier: generator.nextDouble(in: 50..<200))
                break
            }
        }
    }

    /// `count` distinct random rows of `range` not yet planned; the range must have that many free rows.
    private mutating func freeRows(_ count: Int, in range: Range<Int>) -> [Int] {
        var chosen: [Int] = []
        var seen: Set<Int> = []
        while chosen.count < count {
            let row = range.lowerBound + generator.nextIndex(below: range.count)
            if plannedRows[row] == nil, seen.insert(row).inserted {
                chosen.append(row)
            }
        }
        return chosen
    }
}
