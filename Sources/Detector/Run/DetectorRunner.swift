public import Foundation
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
        /// The currency with the most lines.
        public var currency: String
        /// Every currency analysed, the one with the most lines first (each on its own).
        public var currencies: [String]
        /// The three most important findings' sentences.
        public var headlines: [String]
        /// Alerts queued in the outbox.
        public var alertsQueued: Int
        /// Findings left out because they match a reviewer's suppression rule.
        public var suppressed: Int
        /// Candidate findings the caps left out, by kind (the run summary has the same figures).
        public var leftOutByKind: [String: Int]
        /// `full` or `incremental`.
        public var mode: String
        /// In an incremental run, the periods it recomputed; the previous run's other findings were carried forward.
        public var affectedPeriods: [String]
        /// The previous run's findings carried forward (an incremental run).
        public var carriedFindings: Int

        enum CodingKeys: String, CodingKey {
            case runID = "run_id"
            case latestPeriod = "latest_period"
            case rowsScanned = "rows_scanned"
            case findingsByKind = "findings_by_kind"
            case findingsBySeverity = "findings_by_severity"
            case newFindings = "new_findings"
            case updatedFindings = "updated_findings"
            case provisional, timings, seconds, currency, currencies, headlines
            case alertsQueued = "alerts_queued"
            case suppressed
            case leftOutByKind = "left_out_by_kind"
            case mode
            case affectedPeriods = "affected_periods"
            case carriedFindings = "carried_findings"
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

    /// Reads what is in `finance_expense`, analyses it, and stores the results: read → analyse → write.
    ///
    /// - Parameters:
    ///   - connection: The session the run reads and writes on.
    ///   - second: Another session to the same database, not in a transaction: the journal lines are read in two
    ///     halves at once, one on each session, in one snapshot
    ///     (``LedgerReader/read(on:second:currency:period:incremental:timings:)``); nil reads them on `connection`
    ///     alone, with the same result.
    ///   - period: The latest period to analyse (default: the latest in the data).
    ///   - now: When the run starts (injected so tests can fix it).
    ///   - incremental: Recompute only the periods that batches loaded or replaced since the previous run affect,
    ///     from their lines and the stored slice totals, and carry the previous run's other findings forward
    ///     (``IncrementalScope``, NOTES.md issue 14); a full run when no run has recorded its batches yet.
    /// - Returns: What the run did.
    /// - Throws: Database errors; nothing is written when the run fails.
    public func run(
        on connection: PostgresConnection,
        second: PostgresConnection? = nil,
        period: FiscalPeriod? = nil,
        now: Date = Date(),
        incremental: Bool = false
    ) async throws -> Report {
        try await JobLock.detect.withLock(on: connection, logger: logger) {
            try await runLocked(on: connection, second: second, period: period, now: now, incremental: incremental)
        }
    }

    private func runLocked(
        on connection: PostgresConnection,
        second: PostgresConnection?,
        period: FiscalPeriod?,
        now: Date,
        incremental: Bool
    ) async throws -> Report {
        let clock = ContinuousClock()
        let started = clock.now
        var readTimings: [String: Double] = [:]
        let read = try await LedgerReader(logger: logger)
            .read(
                on: connection,
                second: second,
                currency: configuration.currency,
                period: period,
                incremental: incremental,
                timings: &readTimings
            )
        let inputs = read.inputs
        let rules = try await SuppressionRule.active(on: connection, logger: logger)
        var analysis = await RunAnalysis.analyse(
            inputs,
            configuration: configuration,
            rules: rules,
            period: period,
            startedAt: now,
            clock: clock
        )
        analysis.include(timings: readTimings)

        let writeStarted = clock.now
        let outcome = try await RunWriter(keepRuns: configuration.keepRuns, logger: logger)
            .write(
                run: analysis.record,
                findings: analysis.findings,
                documents: analysis.documents,
                routes: routes,
                history: RunWriter.History(
                    loadedBatches: read.loadedBatches,
                    carriedFrom: read.scope == nil ? nil : read.previousRun,
                    affectedPeriods: read.scope.map { $0.affected.sorted() } ?? [],
                    goneBatches: read.goneBatches,
                    caps: configuration.caps
                ),
                on: connection
            )
        var timings = analysis.timings.merging(readTimings) { _, read in read }
        timings["write"] = (clock.now - writeStarted).inSeconds
        if let directory = configuration.dashboardDirectory {
            try DashboardFiles.write(analysis.documents, runID: outcome.runID, to: directory)
        }
        logger.notice(
            "detector run committed",
            metadata: [
                "detector.run": "\(outcome.runID)", "detector.lines": "\(analysis.record.rowsScanned)",
                "detector.findings": "\(analysis.findings.count)", "detector.new": "\(outcome.newFindings)",
                "detector.alerts_queued": "\(outcome.alertsQueued)", "detector.carried": "\(outcome.carriedFindings)",
                "detector.seconds": .string(String(format: "%.2f", (clock.now - started).inSeconds)),
            ]
        )
        return Report(
            runID: outcome.runID,
            latestPeriod: analysis.record.latestPeriod?.description,
            rowsScanned: analysis.record.rowsScanned,
            findingsByKind: analysis.findingsByKind,
            findingsBySeverity: analysis.findingsBySeverity,
            newFindings: outcome.newFindings,
            updatedFindings: outcome.updatedFindings,
            provisional: analysis.record.provisional,
            timings: timings,
            seconds: (clock.now - started).inSeconds,
            currency: analysis.record.currency,
            currencies: analysis.scopes.map(\.currency),
            headlines: analysis.headlines,
            alertsQueued: outcome.alertsQueued,
            suppressed: analysis.suppressed.values.reduce(0, +),
            leftOutByKind: analysis.leftOutByKind,
            mode: read.scope == nil ? "full" : "incremental",
            affectedPeriods: read.scope.map { $0.affected.sorted().map(\.description) } ?? [],
            carriedFindings: outcome.carriedFindings
        )
    }
}
