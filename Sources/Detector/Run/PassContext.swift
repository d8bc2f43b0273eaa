import Shared

/// What the passes of one analysis share: the lines through the analysed period, per-period totals,
/// materiality and wording, and what earlier passes found (flagged lines, changes) for later ones.
struct PassContext {
    let configuration: DetectorConfiguration
    let inputs: DetectorInputs
    let requestedPeriod: FiscalPeriod?
    /// The lines through the analysed period.
    let columns: LedgerColumns
    let index: PeriodIndex
    /// The organisation's spend and lines per period, through the analysed period.
    let totals: [FiscalPeriod: (amount: Int64, lines: Int)]
    /// The latest period analysed.
    let latest: FiscalPeriod?
    let materiality: Int64
    let wording: Wording
    /// Lines cancelled by their exact reversal: never outliers, and left out of trends.
    let reversals: ReversalPairs

    /// Lines the statistical pass flagged, highest score first.
    var statisticalFlags: [ScoredLine] = []
    /// Lines the Isolation Forest flagged, highest score first.
    var forestFlags: [ScoredLine] = []
    /// Median amount of each GL account (shared by the statistical pass and the forest).
    var accountMedians: [Int64] = []
    /// Month-over-month changes the trend pass flagged.
    var changes: [SliceChange] = []
    /// The latest period's change at organisation level, explained.
    var latestExplanation: ChangeExplanation?
    /// Candidates of the line-level passes beyond their caps (ranked, not drafted).
    var undrafted: [UndraftedCandidate] = []
    /// Lines above the statistical threshold left unflagged as reversals and as schedules.
    var normalLines = (reversed: 0, scheduled: 0)

    init(inputs: DetectorInputs, configuration: DetectorConfiguration, period: FiscalPeriod?, currency: String) {
        self.configuration = configuration
        self.inputs = inputs
        requestedPeriod = period
        columns = period.map { inputs.columns.through($0) } ?? inputs.columns
        index = PeriodIndex(columns)
        totals = Dictionary(
            uniqueKeysWithValues: inputs.sliceTotals
                .filter { total in
                    total.dimension == nil && (period.map { total.period <= $0 } ?? true)
                }
                .map { ($0.period, (amount: $0.amount, lines: $0.lines)) }
        )
        latest = period ?? totals.keys.max()
        materiality = configuration.materiality ?? DetectorAnalysis.automaticMateriality(totals)
        wording = Wording(currency: currency)
        reversals = ReversalPairs(columns, windowDays: configuration.reversalWindowDays)
    }

    mutating func statistical() async -> [FindingDraft] {
        let pass = StatisticalPass(
            configuration: .init(
                threshold: configuration.statisticalThreshold,
                minimumGroupSize: configuration.statisticalMinimumGroupSize,
                minimumPeerLines: configuration.statisticalMinimumPeerLines,
                priorLines: configuration.statisticalPriorLines,
                maximumFlagShare: configuration.statisticalMaximumFlagShare,
                maximumFindings: configuration.statisticalMaximumFindings,
                scheduleMinimumPeriods: configuration.scheduleMinimumPeriods,
                yearEndPeriods: configuration.yearEndPeriods
            )
        )
        let result = await pass.run(columns, isPaired: reversals.isPaired)
        statisticalFlags = result.flagged
        accountMedians = result.accountMedians
        normalLines = (result.reversed, result.scheduled)
        let findings = StatisticalFindings.drafts(
            result,
            columns: columns,
            batchFiles: inputs.batchFiles,
            wording: wording,
            materiality: materiality,
            trivialShare: configuration.statisticalTrivialShare,
            limit: configuration.statisticalMaximumFindings
        )
        undrafted += findings.undrafted
        return findings.drafts
    }

    mutating func isolationForest() async -> [FindingDraft] {
        if accountMedians.isEmpty {
            accountMedians = StatisticalPass.groupMedians(columns.amount, codes: columns.codes(.glAccount))
        }
        let pass = ForestPass(
            configuration: .init(
                trees: configuration.forestTrees,
                subsampleSize: configuration.forestSubsample,
                seed: configuration.forestSeed,
                contamination: configuration.forestContamination
            )
        )
        var result = await pass.run(columns, accountMedians: accountMedians)
        result.flagged.removeAll { reversals.isPaired[$0.row] }
        let scheduled = PaymentSchedules.scheduled(
            result.flagged.map(\.row),
            in: columns,
            minimumPeriods: configuration.scheduleMinimumPeriods
        )
        result.flagged.removeAll { scheduled.contains($0.row) }
        forestFlags = result.flagged
        let findings = ForestPass.drafts(
            result,
            columns: columns,
            alreadyReported: Set(statisticalFlags.map(\.row)),
            batchFiles: inputs.batchFiles,
            wording: wording,
            materiality: materiality,
            limit: configuration.forestMaximumFindings
        )
        undrafted += findings.undrafted
        return findings.drafts
    }

    func audit() async -> [FindingDraft] {
        var audit = AuditConfiguration(currency: wording.currency)
        audit.duplicatePayments.windowDays = configuration.duplicateWindowDays
        audit.benford.minimumLines = configuration.benfordMinimumLines
        audit.benford.dimensions = configuration.benfordPerSupplier ? [.supplier] : []
        audit.duplicatePayments.runGap = configuration.duplicateRunGap
        audit.duplicatePayments.paymentRunSuppliers = configuration.paymentRunSuppliers
        audit.duplicatePayments.scheduleMinimumPeriods = configuration.scheduleMinimumPeriods
        audit.duplicatePayments.placeholderSuppliers = configuration.placeholderSuppliers
        audit.duplicatePayments.splitRoundUnit = Money(minorUnits: configuration.splitRoundUnit)
        audit.roundAmounts.roundUnit = Money(minorUnits: configuration.roundUnit)
        audit.belowApprovalLimit.limits = configuration.approvalLimits.map { Money(minorUnits: $0) }
        audit.belowApprovalLimit.band = configuration.approvalBand
        audit.weekendPostings.holidays = configuration.holidays
        return await AuditTests.run(columns, configuration: audit)
    }

    mutating func trend() -> [FindingDraft] {
        let pass = TrendPass(
            configuration: .init(
                threshold: configuration.trendThreshold,
                minimumSignificance: configuration.trendMinimumSignificance,
                materiality: materiality,
                yearEndPeriods: configuration.yearEndPeriods,
                minimumPeriodShare: configuration.completenessMinimumShare
            )
        )
        // Trends look at spend without the lines the statistical pass flagged: one outlier line is reported once,
        // as an outlier, not again as a rise and a fall of its cost centre, account and directorate. A line and its
        // reversal are left out too: across a month end they would be a rise and a fall of an event that did not
        // happen.
        let relevant = LedgerReader.SliceTotal
            .excluding(statisticalFlags.map(\.row) + reversals.rows, from: inputs.sliceTotals, columns: columns)
            .filter { total in requestedPeriod.map { total.period <= $0 } ?? true }
        let (monthOverMonth, yearOverYear) = pass.run(relevant)
        changes = monthOverMonth
        // An incremental run keeps only the affected periods' findings: the others are not drafted.
        let drafted = { (change: SliceChange) in isAffected(change.period) }
        return TrendFindings.drafts(
            monthOverMonth.filter(drafted),
            kind: .monthOverMonth,
            columns: columns,
            index: index,
            wording: wording
        )
            + TrendFindings.drafts(
                yearOverYear.filter(drafted),
                kind: .yearOverYear,
                columns: columns,
                index: index,
                wording: wording
            )
    }

    /// Whether the run keeps findings about `period`: every period in a full run, the affected ones in an
    /// incremental run (``DetectorInputs/affectedPeriods``).
    func isAffected(_ period: FiscalPeriod) -> Bool {
        inputs.affectedPeriods?.contains(period) ?? true
    }

    /// The latest period at organisation level (for the dashboard), then the flagged changes, those high in the
    /// hierarchy (organisation, directorates) first, most significant first.
    mutating func rootCause() async -> [FindingDraft] {
        guard let latest else { return [] }
        let rank = { (change: SliceChange) in change.dimension == nil ? 0 : change.dimension == .directorate ? 1 : 2 }
        // The targets are chosen among the most significant changes, as many as month-over-month findings are kept.
        let targets =
            changes.prefix(configuration.trendMaximumFindings)
            .sorted {
                rank($0) != rank($1) ? rank($0) < rank($1) : $0.significance > $1.significance
            }
            .prefix(configuration.rootCauseMaximumChanges)
        let overall = await ChangeExplanation.explain(
            columns: columns,
            index: index,
            from: latest.previous,
            to: latest,
            filter: [],
            materiality: materiality
        )
        var explanations = [overall]
        // A target about a period the run does not keep findings of (an incremental run) is not explained.
        for change in targets where isAffected(change.period) {
            explanations.append(
                await ChangeExplanation.explain(
                    columns: columns,
                    index: index,
                    from: change.base,
                    to: change.period,
                    filter: change.dimension.map { [DimensionValue($0, change.member)] } ?? [],
                    materiality: materiality,
                    importanceWithoutCause: false
                )
            )
        }
        latestExplanation = overall
        return explanations.compactMap { $0.finding(wording: wording) }
    }
}
