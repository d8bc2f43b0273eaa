import Shared

/// The signed spend of the spike cost centre in the period before the spike and in the spike period so far.
struct MomSpikeSpend: Sendable {
    var previous: Int64 = 0
    var current: Int64 = 0
}

/// Watches the rows as they are written and builds the ``SampleLabels``: exact yearly totals and the lines of
/// every anomaly.
struct LabelRecorder {
    private let configuration: SampleGeneratorConfiguration
    private let catalog: SampleCatalog
    private let plan: AnomalyPlan
    private let timeline: PeriodTimeline

    private var totalsByYear: [Int64]
    private var rowCountsByYear: [Int]
    private var anomalies: [SampleAnomaly] = []
    /// What the spike cost centre has booked so far; read when the spike period is balanced.
    private(set) var momSpikeSpend = MomSpikeSpend()
    private var momSpikeLines: [Int] = []
    private var rootCauseLines: [Int] = []
    private var belowLimitLines: [Int] = []
    private var belowLimitTotal: Int64 = 0

    init(
        configuration: SampleGeneratorConfiguration,
        catalog: SampleCatalog,
        plan: AnomalyPlan,
        timeline: PeriodTimeline
    ) {
        self.configuration = configuration
        self.catalog = catalog
        self.plan = plan
        self.timeline = timeline
        totalsByYear = Array(repeating: 0, count: configuration.fiscalYears)
        rowCountsByYear = Array(repeating: 0, count: configuration.fiscalYears)
    }

    /// Records the written row at 0-based position `index`.
    mutating func record(_ row: LedgerRow, at index: Int, in period: FiscalPeriod, planned: PlannedRow?) {
        let line = index + 2
        let year = period.year - configuration.firstFiscalYear
        totalsByYear[year] += row.signedAmount
        rowCountsByYear[year] += 1
        if let spike = plan.momSpike, row.costCentre == spike.costCentre {
            if period.index == spike.period - 1 {
                momSpikeSpend.previous += row.signedAmount
            } else if period.index == spike.period {
                momSpikeSpend.current += row.signedAmount
                momSpikeLines.append(line)
            }
        }
        switch planned {
        case .pointOutlier:
            recordPointOutlier(row, line: line, period: period)
        case .duplicateCopy(let originalRow, _):
            recordDuplicatePayment(row, originalLine: originalRow + 2, line: line, period: period)
        case .rootCause:
            rootCauseLines.append(line)
        case .belowApprovalLimit:
            belowLimitLines.append(line)
            belowLimitTotal += row.amount
        case .duplicateOriginal, .spikeExtra, .spikeBalance, nil:
            break
        }
    }

    /// The labels of everything recorded.
    func labels() -> SampleLabels {
        let years = (0..<configuration.fiscalYears).map { String(configuration.firstFiscalYear + $0) }
        let found = anomalies + [momSpikeAnomaly(), rootCauseAnomaly(), belowLimitAnomaly()].compactMap(\.self)
        return SampleLabels(
            seed: configuration.seed,
            rows: configuration.rows,
            currency: configuration.currency,
            firstFiscalYear: configuration.firstFiscalYear,
            fiscalYears: configuration.fiscalYears,
            approvalLimit: configuration.approvalLimit,
            totalsByFiscalYear: Dictionary(uniqueKeysWithValues: zip(years, totalsByYear.map(Money.init(minorUnits:)))),
            rowCountByFiscalYear: Dictionary(uniqueKeysWithValues: zip(years, rowCountsByYear)),
            anomalies: found.sorted {
                ($0.lines.first ?? 0, $0.kind.rawValue) < ($1.lines.first ?? 0, $1.kind.rawValue)
            }
        )
    }

    private mutating func recordPointOutlier(_ row: LedgerRow, line: Int, period: FiscalPeriod) {
        let account = catalog.accounts.accounts[row.account]
        let typical = Money(minorUnits: account.typicalAmount(in: period))
        anomalies.append(
            SampleAnomaly(
                kind: .pointOutlier,
                lines: [line],
                period: period.label,
                dimensions: [
                    FinanceExpenseColumn.generalLedgerAccount.rawValue: account.id,
                    FinanceExpenseColumn.costCenterID.rawValue: catalog.organisation.costCentres[row.costCentre].id,
                    FinanceExpenseColumn.supplier.rawValue: catalog.suppliers.names[row.supplier],
                ],
                description: "Amount \(Money(minorUnits: row.amount)) on GL account \(account.id) is "
                    + "\(row.amount / max(1, typical.minorUnits)) times its typical amount of \(typical) in \(period.label).",
                expected: typical,
                actual: Money(minorUnits: row.amount)
            )
        )
    }

    private mutating func recordDuplicatePayment(_ row: LedgerRow, originalLine: Int, line: Int, period: FiscalPeriod) {
        let supplier = catalog.suppliers.names[row.supplier]
        let reference = String(row.reference)
        anomalies.append(
            SampleAnomaly(
                kind: .duplicatePayment,
                lines: [originalLine, line],
                period: period.label,
                dimensions: [
                    FinanceExpenseColumn.supplier.rawValue: supplier,
                    FinanceExpenseColumn.reference.rawValue: reference,
                    FinanceExpenseColumn.costCenterID.rawValue: catalog.organisation.costCentres[row.costCentre].id,
                ],
                description:
                    "Invoice \(reference) from \(supplier) for \(Money(minorUnits: row.amount)) is paid twice.",
                actual: Money(minorUnits: row.amount)
            )
        )
    }

    private func momSpikeAnomaly() -> SampleAnomaly? {
        guard let spike = plan.momSpike else { return nil }
        let costCentre = catalog.organisation.costCentres[spike.costCentre].id
        let period = timeline.period(spike.period)
        let previous = Money(minorUnits: momSpikeSpend.previous)
        let current = Money(minorUnits: momSpikeSpend.current)
        return SampleAnomaly(
            kind: .momSpike,
            lines: momSpikeLines,
            period: period.label,
            dimensions: [FinanceExpenseColumn.costCenterID.rawValue: costCentre],
            description: "Spend of cost centre \(costCentre) rises from \(previous) in "
                + "\(timeline.period(spike.period - 1).label) to \(current) in \(period.label).",
            expected: previous,
            actual: current
        )
    }

    private func rootCauseAnomaly() -> SampleAnomaly? {
        guard let rootCause = plan.rootCause else { return nil }
        let directorate = catalog.organisation.directorates[rootCause.directorate]
        let supplier = catalog.suppliers.names[rootCause.supplier]
        let period = timeline.period(rootCause.period).label
        let injected = Money(minorUnits: rootCause.injectedAmount)
        return SampleAnomaly(
            kind: .rootCause,
            lines: rootCauseLines,
            period: period,
            dimensions: [
                FinanceExpenseColumn.directorate.rawValue: directorate,
                FinanceExpenseColumn.supplier.rawValue: supplier,
            ],
            description: "Spend in \(period) rises by \(injected) injected only for \(directorate) with \(supplier).",
            actual: injected
        )
    }

    private func belowLimitAnomaly() -> SampleAnomaly? {
        guard let cluster = plan.belowLimit else { return nil }
        let supplier = catalog.suppliers.names[cluster.supplier]
        let costCentre = catalog.organisation.costCentres[cluster.costCentre].id
        return SampleAnomaly(
            kind: .belowApprovalLimit,
            lines: belowLimitLines,
            period: timeline.period(cluster.period).label,
            dimensions: [
                FinanceExpenseColumn.supplier.rawValue: supplier,
                FinanceExpenseColumn.costCenterID.rawValue: costCentre,
            ],
            description: "\(belowLimitLines.count) invoices from \(supplier) to cost centre \(costCentre) "
                + "each just under the approval limit of \(configuration.approvalLimit).",
            expected: configuration.approvalLimit,
            actual: Money(minorUnits: belowLimitTotal)
        )
    }
}
