import Foundation
public import Logging
public import PostgresNIO
public import Shared

/// One detector run: reads the ledger, runs the configured passes, and writes findings and dashboard documents
/// in one transaction (see ``RunWriter``).
///
/// Aggregations are computed by PostgreSQL (`GROUPING SETS`); row-level passes work on ``LedgerColumns`` read
/// once and run concurrently.
public struct DetectorRunner: Sendable {
    /// What a run did, for the terminal and `--json`.
    public struct Report: Sendable, Codable {
        /// The run's id in `detector_runs`.
        public var runID: Int64
        /// The latest period analysed.
        public var latestPeriod: String?
        /// Journal lines read.
        public var rowsScanned: Int
        /// Findings by kind.
        public var findingsByKind: [String: Int]
        /// Findings by severity.
        public var findingsBySeverity: [String: Int]
        /// First seen in this run.
        public var newFindings: Int
        /// Seen before, updated.
        public var updatedFindings: Int
        /// The latest period looked incomplete.
        public var provisional: Bool
        /// Seconds per step.
        public var timings: [String: Double]
        /// Wall time of the run.
        public var seconds: Double
        /// The currency of the figures.
        public var currency: String
        /// The three most important findings' sentences.
        public var headlines: [String]
        /// Alerts queued in the outbox.
        public var alertsQueued: Int

        enum CodingKeys: String, CodingKey {
            case runID = "run_id"
            case latestPeriod = "latest_period"
            case rowsScanned = "rows_scanned"
            case findingsByKind = "findings_by_kind"
            case findingsBySeverity = "findings_by_severity"
            case newFindings = "new_findings"
            case updatedFindings = "updated_findings"
            case provisional, timings, seconds, currency, headlines
            case alertsQueued = "alerts_queued"
        }
    }

    private let configuration: DetectorConfiguration
    private let routes: [AlertRoute]
    private let logger: Logger

    /// Creates a runner; `routes` decide which new findings are queued as alerts.
    public init(configuration: DetectorConfiguration, routes: [AlertRoute] = [], logger: Logger) {
        self.configuration = configuration
        self.routes = routes
        self.logger = logger
    }

    /// Runs the passes over what is in `finance_expense` and stores the results.
    ///
    /// - Parameter period: The latest period to analyse (default: the latest in the data).
    public func run(on connection: PostgresConnection, period requestedPeriod: FiscalPeriod? = nil) async throws -> Report {
        let startedAt = Date()
        let clock = ContinuousClock()
        let started = clock.now
        var timings: [String: Double] = [:]
        func measure<T>(_ step: String, _ body: () async throws -> T) async rethrows -> T {
            let stepStart = clock.now
            defer { timings[step] = (clock.now - stepStart).inSeconds }
            return try await body()
        }
        let passes = Set(configuration.passes)
        let reader = LedgerReader(logger: logger)

        let currency = configuration.currency.isEmpty ? try await reader.currency(on: connection) : configuration.currency
        let wording = Wording(currency: currency)
        let sliceTotals = try await measure("aggregate") { try await reader.sliceTotals(on: connection) }
        var columns = try await measure("read_lines") { try await reader.columns(on: connection) }
        if let requestedPeriod { columns = columns.through(requestedPeriod) }
        let index = PeriodIndex(columns)
        let totals = Dictionary(
            uniqueKeysWithValues: sliceTotals.filter { $0.dimension == nil && (requestedPeriod == nil || $0.period <= requestedPeriod!) }
                .map { ($0.period, (amount: $0.amount, lines: $0.lines)) })
        let latest = requestedPeriod ?? totals.keys.max()
        let materiality = configuration.materiality ?? Self.automaticMateriality(totals)
        var batchFiles: [Int64: String] = [:]
        for try await (id, name) in try await connection.query(
            "SELECT id, file_name FROM ingest_batches", logger: logger
        ).decode((Int64, String).self) {
            batchFiles[id] = name
        }

        var drafts: [FindingDraft] = []
        var verdict: CompletenessGate.Verdict?
        if passes.contains(.completeness), let latest {
            let gate = CompletenessGate(minimumShare: configuration.completenessMinimumShare)
            verdict = gate.judge(latest: latest, totals: totals)
            if let verdict, verdict.incomplete { drafts.append(gate.finding(verdict, wording: wording)) }
        }

        var statisticalFlags: [ScoredLine] = []
        var accountMedians: [Int64] = []
        if passes.contains(.statistical) {
            let pass = StatisticalPass(configuration: .init(
                threshold: configuration.statisticalThreshold, minimumGroupSize: configuration.statisticalMinimumGroupSize,
                maximumFlagShare: configuration.statisticalMaximumFlagShare, maximumFindings: configuration.statisticalMaximumFindings))
            let result = await measure("statistical") { await pass.run(columns) }
            statisticalFlags = result.flagged
            accountMedians = result.accountMedians
            drafts += StatisticalFindings.drafts(
                result, columns: columns, batchFiles: batchFiles, wording: wording, materiality: materiality,
                limit: configuration.statisticalMaximumFindings)
        }

        var forestFlags: [ScoredLine] = []
        if passes.contains(.isolationForest) {
            if accountMedians.isEmpty {
                accountMedians = StatisticalPass.groupMedians(columns.amount, codes: columns.codes(.glAccount))
            }
            let pass = ForestPass(configuration: .init(
                trees: configuration.forestTrees, subsampleSize: configuration.forestSubsample,
                seed: configuration.forestSeed, contamination: configuration.forestContamination))
            let medians = accountMedians
            let result = await measure("isolation_forest") { await pass.run(columns, accountMedians: medians) }
            forestFlags = result.flagged
            drafts += ForestPass.drafts(
                result, columns: columns, alreadyReported: Set(statisticalFlags.map(\.row)), batchFiles: batchFiles,
                wording: wording, materiality: materiality, limit: configuration.forestMaximumFindings)
        }

        if passes.contains(.audit) {
            var audit = AuditConfiguration(currency: currency)
            audit.duplicatePayments.windowDays = configuration.duplicateWindowDays
            audit.benford.minimumLines = configuration.benfordMinimumLines
            audit.roundAmounts.roundUnit = Money(minorUnits: configuration.roundUnit)
            audit.belowApprovalLimit.limits = configuration.approvalLimits.map { Money(minorUnits: $0) }
            audit.belowApprovalLimit.band = configuration.approvalBand
            audit.weekendPostings.holidays = configuration.holidays
            let settings = audit
            drafts += await measure("audit") { await AuditTests.run(columns, configuration: settings) }
        }

        var changes: [SliceChange] = []
        if passes.contains(.trend) {
            let pass = TrendPass(configuration: .init(
                threshold: configuration.trendThreshold, minimumSignificance: configuration.trendMinimumSignificance,
                materiality: materiality, maximumFindings: configuration.trendMaximumFindings))
            // Trends look at spend without the lines the statistical pass flagged: one outlier line is reported
            // once, as an outlier, not again as a rise and a fall of its cost centre, account and directorate.
            let relevant = LedgerReader.SliceTotal.excluding(statisticalFlags.map(\.row), from: sliceTotals, columns: columns)
                .filter { requestedPeriod == nil || $0.period <= requestedPeriod! }
            let (monthOverMonth, yearOverYear) = await measure("trend") { pass.run(relevant) }
            changes = monthOverMonth
            drafts += TrendFindings.drafts(monthOverMonth, kind: .monthOverMonth, columns: columns, index: index, wording: wording)
            drafts += TrendFindings.drafts(yearOverYear, kind: .yearOverYear, columns: columns, index: index, wording: wording)
        }

        var latestExplanation: ChangeExplanation?
        if passes.contains(.rootCause), let latest {
            // The latest period at organisation level (for the dashboard), then the flagged changes, those high in
            // the hierarchy (organisation, directorates) first, most significant first.
            let targets = changes.sorted {
                let rank = { (change: SliceChange) in change.dimension == nil ? 0 : change.dimension == .directorate ? 1 : 2 }
                return rank($0) != rank($1) ? rank($0) < rank($1) : $0.significance > $1.significance
            }.prefix(configuration.rootCauseMaximumChanges)
            let explained = await measure("root_cause") {
                let latestExplanation = await ChangeExplanation.explain(
                    columns: columns, index: index, from: latest.previous, to: latest, filter: [], materiality: materiality)
                var flagged: [ChangeExplanation] = []
                for change in targets {
                    flagged.append(await ChangeExplanation.explain(
                        columns: columns, index: index, from: change.base, to: change.period,
                        filter: change.dimension.map { [DimensionValue($0, change.member)] } ?? [], materiality: materiality))
                }
                return (latestExplanation, flagged)
            }
            latestExplanation = explained.0
            drafts += ([explained.0] + explained.1).compactMap { $0.finding(wording: wording) }
        }

        let provisionalPeriod = verdict?.incomplete == true ? verdict?.period : nil
        // The same finding can come from two routes (the latest period's explanation and a flagged change of the
        // same slice); it is stored once.
        var fingerprints = Set<String>()
        drafts = drafts.filter { fingerprints.insert(Finding.fingerprint(of: $0)).inserted }
        let findings = drafts.map { draft in
            Finding(draft: draft, materiality: materiality, provisional: provisionalPeriod != nil && draft.period == provisionalPeriod && draft.kind != .incompletePeriod)
        }
        let documents = DashboardBuilder.documents(.init(
            currency: currency, latestPeriod: latest, columns: columns, sliceTotals: sliceTotals, findings: findings,
            statisticalFlags: statisticalFlags, forestFlags: forestFlags, changes: changes, latestExplanation: latestExplanation,
            provisional: provisionalPeriod != nil, generatedAt: startedAt))

        var byKind: [String: Int] = [:]
        var bySeverity: [String: Int] = [:]
        for finding in findings {
            byKind[finding.draft.kind.rawValue, default: 0] += 1
            bySeverity[finding.severity.rawValue, default: 0] += 1
        }
        let summary: JSONValue = .object([
            ("materiality", .decimal(Money(minorUnits: materiality))),
            ("findings_by_kind", .object(byKind.keys.sorted().map { ($0, .int(Int64(byKind[$0]!))) })),
            ("timings", .object(timings.keys.sorted().map { ($0, .double(timings[$0]!)) })),
        ])
        let writer = RunWriter(keepRuns: configuration.keepRuns, logger: logger)
        let outcome = try await measure("write") {
            try await writer.write(
                run: .init(
                    startedAt: startedAt, latestPeriod: latest, passes: configuration.passes.map(\.rawValue),
                    rowsScanned: columns.count, provisional: provisionalPeriod != nil, currency: currency, summary: summary),
                findings: findings, documents: documents, routes: routes, on: connection)
        }
        if let directory = configuration.dashboardDirectory {
            try DashboardFiles.write(documents, runID: outcome.runID, to: directory)
        }
        logger.notice("detector run committed", metadata: [
            "detector.run": "\(outcome.runID)", "detector.lines": "\(columns.count)",
            "detector.findings": "\(findings.count)", "detector.new": "\(outcome.newFindings)",
            "detector.alerts_queued": "\(outcome.alertsQueued)",
            "detector.seconds": .string(String(format: "%.2f", (clock.now - started).inSeconds)),
        ])
        let headlines = findings.sorted {
            $0.severity != $1.severity ? $0.severity > $1.severity
                : ($0.draft.delta ?? $0.draft.actual ?? .zero).minorUnits.magnitude > ($1.draft.delta ?? $1.draft.actual ?? .zero).minorUnits.magnitude
        }.prefix(3).map(\.draft.explanation)
        return Report(
            runID: outcome.runID, latestPeriod: latest?.description, rowsScanned: columns.count,
            findingsByKind: byKind, findingsBySeverity: bySeverity, newFindings: outcome.newFindings,
            updatedFindings: outcome.updatedFindings, provisional: provisionalPeriod != nil, timings: timings,
            seconds: (clock.now - started).inSeconds, currency: currency, headlines: headlines,
            alertsQueued: outcome.alertsQueued)
    }

    /// 0.1 % of the median month's absolute spend, at least one currency unit.
    public static func automaticMateriality(_ totals: [FiscalPeriod: (amount: Int64, lines: Int)]) -> Int64 {
        let monthly = totals.filter { $0.key.period <= 12 }.values.map { $0.amount.magnitude }.sorted()
        guard !monthly.isEmpty else { return 100 }
        return max(100, Int64(monthly[(monthly.count - 1) / 2] / 1000))
    }
}

extension LedgerReader.SliceTotal {
    /// `totals` with the given lines' amounts and counts taken out of every slice they belong to.
    static func excluding(_ rows: [Int], from totals: [LedgerReader.SliceTotal], columns: LedgerColumns) -> [LedgerReader.SliceTotal] {
        guard !rows.isEmpty else { return totals }
        struct Key: Hashable {
            var dimension: LedgerDimension?
            var member: String
            var period: FiscalPeriod
        }
        var removed: [Key: (amount: Int64, lines: Int)] = [:]
        for row in rows {
            let period = FiscalPeriod(year: Int(columns.fiscalYear[row]), period: Int(columns.period[row]))
            var keys = [Key(dimension: nil, member: "", period: period)]
            for dimension in LedgerReader.sliceDimensions {
                keys.append(Key(dimension: dimension, member: columns.dictionary(dimension).value(columns.codes(dimension)[row]) ?? "", period: period))
            }
            for key in keys {
                removed[key, default: (0, 0)].amount += columns.amount[row]
                removed[key, default: (0, 0)].lines += 1
            }
        }
        return totals.map { total in
            guard let minus = removed[Key(dimension: total.dimension, member: total.member, period: total.period)] else { return total }
            var adjusted = total
            adjusted.amount -= minus.amount
            adjusted.lines -= minus.lines
            return adjusted
        }
    }
}

extension LedgerColumns {
    /// The lines up to and including `period` (the columns are ordered by period).
    func through(_ period: FiscalPeriod) -> LedgerColumns {
        var end = 0
        while end < count, FiscalPeriod(year: Int(fiscalYear[end]), period: Int(self.period[end])) <= period { end += 1 }
        guard end < count else { return self }
        var result = self
        result.batchID.removeSubrange(end...)
        result.sourceLine.removeSubrange(end...)
        result.amount.removeSubrange(end...)
        result.fiscalYear.removeSubrange(end...)
        result.period.removeSubrange(end...)
        result.postingDay.removeSubrange(end...)
        result.reference.removeSubrange(end...)
        for index in result.dimensionCodes.indices { result.dimensionCodes[index].removeSubrange(end...) }
        return result
    }
}

/// Writes dashboard documents as `<directory>/run-<id>/<name>.json` and points `<directory>/latest` at them.
enum DashboardFiles {
    static func write(_ documents: [RunWriter.Document], runID: Int64, to directory: String) throws {
        let runDirectory = (directory as NSString).appendingPathComponent("run-\(runID)")
        try FileManager.default.createDirectory(atPath: runDirectory, withIntermediateDirectories: true)
        for document in documents {
            let path = (runDirectory as NSString).appendingPathComponent("\(document.name).json")
            try Data(document.content.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        let latest = (directory as NSString).appendingPathComponent("latest")
        let temporary = latest + ".new"
        try? FileManager.default.removeItem(atPath: temporary)
        try FileManager.default.createSymbolicLink(atPath: temporary, withDestinationPath: "run-\(runID)")
        guard rename(temporary, latest) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
