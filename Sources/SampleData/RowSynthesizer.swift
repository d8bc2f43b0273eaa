import Shared

/// Produces the rows of a run in file order: natural rows, and at planned positions the rows that carry an
/// anomaly.
struct RowSynthesizer {
    private let factory: RowFactory
    private let plan: AnomalyPlan
    private var generator: SeededGenerator
    /// Originals of duplicate payments waiting for their copy, keyed by the copy's row.
    private var pendingCopies: [Int: LedgerRow] = [:]

    init(configuration: SampleGeneratorConfiguration, catalog: SampleCatalog, plan: AnomalyPlan) {
        self.factory = RowFactory(catalog: catalog)
        self.plan = plan
        self.generator = SeededGenerator(seed: configuration.seed, stream: .rows)
    }

    /// The row at 0-based position `index`, which lies `offset` rows into `period`.
    ///
    /// `spikeSpend` is what the spike cost centre has booked so far; it sizes the spike's balancing row.
    mutating func row(
        at index: Int,
        offset: Int,
        in period: PeriodContext,
        planned: PlannedRow?,
        spikeSpend: MomSpikeSpend
    ) -> LedgerRow {
        let day = period.postingDays.day(atOffset: offset)
        guard let planned else {
            return factory.naturalRow(
                row: index,
                postingDay: day,
                period: period.fiscalPeriod,
                allowsCredit: true,
                using: &generator
            )
        }
        var row = factory.naturalRow(
            row: index,
            postingDay: day,
            period: period.fiscalPeriod,
            allowsCredit: false,
            using: &generator
        )
        switch planned {
        case .pointOutlier(let multiplier):
            row.costCentre = factory.costCentre(excluding: plan.momSpike?.costCentre, using: &generator)
            let typical = factory.catalog.accounts.accounts[row.account].typicalAmount(in: period.fiscalPeriod)
            row.amount = Int64((Double(typical) * multiplier).rounded())
        case .duplicateOriginal(let copyRow):
            pendingCopies[copyRow] = row
        case .duplicateCopy(_, let delayDays):
            row = pendingCopies.removeValue(forKey: index)!
            row.postingDay = min(row.postingDay + delayDays, period.postingDays.dayCount)
        case .spikeExtra:
            row.costCentre = plan.momSpike!.costCentre
        case .spikeBalance:
            let spike = plan.momSpike!
            let target = MomSpikePlan.minimumGrowth * Double(max(spikeSpend.previous, spike.baselineSpend))
            row.costCentre = spike.costCentre
            row.amount = max(row.amount, Int64(target.rounded(.up)) - spikeSpend.current)
        case .rootCause(let costCentre, let account, let amount):
            let rootCause = plan.rootCause!
            row.costCentre = costCentre
            row.supplier = rootCause.supplier
            row.account = account
            row.amount = amount
        case .belowApprovalLimit(let amount):
            let cluster = plan.belowLimit!
            row.costCentre = cluster.costCentre
            row.supplier = cluster.supplier
            row.account = cluster.account
            row.amount = amount
        }
        return row
    }
}
