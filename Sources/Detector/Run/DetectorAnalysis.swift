public import Foundation
public import Shared

/// The analysis of one detector run, without I/O: the passes over ``DetectorInputs``, the findings and the
/// dashboard documents. ``DetectorRunner`` reads the inputs before and writes the result after.
///
/// Deterministic: the same inputs, configuration, period and start time give the same findings and documents
/// (every random choice takes a seeded generator). Only ``timings`` depend on the clock.
public struct DetectorAnalysis: Sendable {
    /// The findings to store, de-duplicated by fingerprint, in the order the passes produced them.
    public var findings: [Finding]
    /// The dashboard documents.
    public var documents: [RunWriter.Document]
    /// The run's own record (period, passes, lines, provisional, currency; ``RunAnalysis`` writes its summary).
    public var record: RunWriter.RunRecord
    /// Seconds per pass, measured on the clock given to ``analyse(_:configuration:period:startedAt:clock:)``.
    public var timings: [String: Double]
    /// The currency of the figures.
    public var currency: String
    /// Journal lines analysed.
    public var rowsScanned: Int
    /// Materiality in minor units (configured, or ``automaticMateriality(_:)``).
    public var materiality: Int64
    /// How the findings were ranked: severity thresholds and what the caps left out.
    public var ranking: RankingSummary

    /// Findings by kind (raw values).
    public var findingsByKind: [String: Int] {
        findings.reduce(into: [:]) { counts, finding in counts[finding.draft.kind.rawValue, default: 0] += 1 }
    }

    /// Findings by severity (raw values).
    public var findingsBySeverity: [String: Int] {
        findings.reduce(into: [:]) { counts, finding in counts[finding.severity.rawValue, default: 0] += 1 }
    }

    /// The three most important findings' sentences: most severe first, then the highest attention.
    public var headlines: [String] {
        Self.headlines(findings)
    }

    /// The three most important sentences of `findings`: most severe first, then the highest attention.
    static func headlines(_ findings: [Finding]) -> [String] {
        findings.sorted {
            $0.severity != $1.severity
                ? $0.severity > $1.severity : ($0.draft.attention ?? 0) > ($1.draft.attention ?? 0)
        }
        .prefix(3).map(\.draft.explanation)
    }

    /// Runs the configured passes over `inputs`.
    ///
    /// - Parameters:
    ///   - inputs: What the run read.
    ///   - configuration: Which passes run, and their settings.
    ///   - requestedPeriod: The latest period to analyse (default: the latest in the data); later lines are ignored.
    ///   - startedAt: When the run started (it appears in the documents and the run record).
    ///   - clock: Times the passes.
    /// - Returns: The findings, documents and run record.
    public static func analyse(
        _ inputs: DetectorInputs,
        configuration: DetectorConfiguration,
        period requestedPeriod: FiscalPeriod? = nil,
        startedAt: Date,
        clock: some Clock<Duration> = ContinuousClock()
    ) async -> DetectorAnalysis {
        var timings: [String: Double] = [:]
        func measure<T>(_ step: String, _ body: () async -> T) async -> T {
            let stepStart = clock.now
            defer { timings[step] = Double(stepStart.duration(to: clock.now).inSeconds) }
            return await body()
        }
        let currency = inputs.currency.isEmpty ? configuration.currency : inputs.currency
        var context = PassContext(
            inputs: inputs,
            configuration: configuration,
            period: requestedPeriod,
            currency: currency
        )
        let passes = Set(configuration.passes)

        var drafts: [FindingDraft] = []
        var verdict: CompletenessGate.Verdict?
        if passes.contains(.completeness), let latest = context.latest {
            let gate = CompletenessGate(minimumShare: configuration.completenessMinimumShare)
            verdict = gate.judge(latest: latest, totals: context.totals)
            if let verdict, verdict.incomplete { drafts.append(gate.finding(verdict, wording: context.wording)) }
        }
        if passes.contains(.statistical) {
            drafts += await measure("statistical") { await context.statistical() }
        }
        if passes.contains(.isolationForest) {
            drafts += await measure("isolation_forest") { await context.isolationForest() }
        }
        if passes.contains(.audit) {
            drafts += await measure("audit") { await context.audit() }
        }
        if passes.contains(.trend) {
            drafts += await measure("trend") { context.trend() }
        }
        if passes.contains(.rootCause), context.latest != nil {
            drafts += await measure("root_cause") { await context.rootCause() }
        }

        if let affected = inputs.affectedPeriods {
            // An incremental run: findings about other periods are the previous run's, carried forward by the writer.
            drafts.removeAll { draft in !(draft.period.map(affected.contains) ?? false) }
        }
        let provisionalPeriod = verdict?.incomplete == true ? verdict?.period : nil
        // The same finding can come from two routes (the latest period's explanation and a flagged change of the
        // same slice); it is stored once.
        var fingerprints = Set<String>()
        drafts = drafts.filter { fingerprints.insert(Finding.fingerprint(of: $0)).inserted }
        let ranking = FindingRanking(
            drafts: drafts,
            undrafted: context.undrafted,
            materiality: context.materiality,
            months: inputs.affectedPeriods == nil ? context.totals.count : context.index.periods.count,
            rates: configuration.severityRates,
            caps: configuration.caps
        )
        let findings = ranking.kept.map { draft in
            Finding(
                draft: draft,
                level: ranking.calibration.severity(
                    attention: draft.attention!,
                    stake: Attention.stake(draft),
                    materiality: context.materiality
                ),
                materiality: context.materiality,
                provisional: provisionalPeriod != nil && draft.period == provisionalPeriod
                    && draft.kind != .incompletePeriod,
                currency: currency
            )
        }
        let documents = DashboardBuilder.documents(
            .init(
                currency: currency,
                latestPeriod: context.latest,
                columns: context.columns,
                sliceTotals: inputs.sliceTotals,
                findings: findings,
                statisticalFlags: context.statisticalFlags,
                forestFlags: context.forestFlags,
                changes: context.changes,
                latestExplanation: context.latestExplanation,
                provisional: provisionalPeriod != nil,
                generatedAt: startedAt
            )
        )
        return DetectorAnalysis(
            findings: findings,
            documents: documents,
            record: RunWriter.RunRecord(
                startedAt: startedAt,
                latestPeriod: context.latest,
                passes: configuration.passes.map(\.rawValue),
                rowsScanned: context.columns.count,
                provisional: provisionalPeriod != nil,
                currency: currency,
                summary: .null
            ),
            timings: timings,
            currency: currency,
            rowsScanned: context.columns.count,
            materiality: context.materiality,
            ranking: RankingSummary(
                ranking,
                reversed: context.normalLines.reversed,
                scheduled: context.normalLines.scheduled
            )
        )
    }

    /// 0.1 % of the median month's absolute spend, at least one currency unit.
    public static func automaticMateriality(_ totals: [FiscalPeriod: (amount: Int64, lines: Int)]) -> Int64 {
        let monthly = totals.filter { $0.key.period <= 12 }.values.map { $0.amount.magnitude }.sorted()
        guard !monthly.isEmpty else { return 100 }
        return max(100, Int64(monthly[(monthly.count - 1) / 2] / 1000))
    }
}
