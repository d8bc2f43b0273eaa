public import Foundation
public import Shared

/// A detector run over every currency of a ledger: one ``DetectorAnalysis`` per currency, never adding amounts
/// of different currencies, combined into what one run stores.
///
/// A ledger in one currency gives exactly that currency's analysis. With several, every finding carries its
/// currency (in its sentence, its `currency` column and its fingerprint), the dashboard documents are those of the
/// currency with the most lines, and the `currencies` document lists every currency's lines and spend per period.
public struct RunAnalysis: Sendable {
    /// One analysis per currency, the one with the most lines first.
    public var scopes: [DetectorAnalysis]
    /// Every currency's findings.
    public var findings: [Finding]
    /// The documents to store.
    public var documents: [RunWriter.Document]
    /// The run's record.
    public var record: RunWriter.RunRecord
    /// Findings left out because they match a reviewer's suppression rule, by rule id.
    public var suppressed: [Int64: Int]

    /// Analyses each currency's inputs (``LedgerReader/read(on:currency:timings:)``) on its own.
    ///
    /// - Parameters:
    ///   - scopes: One set of inputs per currency, the one with the most lines first.
    ///   - configuration: Which passes run, and their settings.
    ///   - rules: Reviewers' suppression rules; matching findings are left out (and counted).
    ///   - period: The latest period to analyse (default: the latest in the data).
    ///   - startedAt: When the run started.
    ///   - clock: Times the passes.
    /// - Returns: The combined analysis.
    public static func analyse(
        _ scopes: [DetectorInputs],
        configuration: DetectorConfiguration,
        rules: [SuppressionRule] = [],
        period: FiscalPeriod? = nil,
        startedAt: Date,
        clock: some Clock<Duration> = ContinuousClock()
    ) async -> RunAnalysis {
        var analyses: [DetectorAnalysis] = []
        for inputs in scopes {
            analyses.append(
                await DetectorAnalysis.analyse(
                    inputs,
                    configuration: configuration,
                    period: period,
                    startedAt: startedAt,
                    clock: clock
                )
            )
        }
        return RunAnalysis(
            scopes: analyses,
            inputs: scopes,
            rules: rules,
            passes: configuration.passes,
            startedAt: startedAt
        )
    }

    init(
        scopes: [DetectorAnalysis],
        inputs: [DetectorInputs],
        rules: [SuppressionRule],
        passes: [DetectorConfiguration.Pass],
        startedAt: Date
    ) {
        self.scopes = scopes
        let several = scopes.count > 1
        var suppressed: [Int64: Int] = [:]
        findings = scopes.flatMap { scope in several ? scope.findings.map { $0.scopedToCurrency() } : scope.findings }
            .filter { finding in
                guard let rule = rules.first(where: finding.matches) else { return true }
                suppressed[rule.id, default: 0] += 1
                return false
            }
        self.suppressed = suppressed
        let currencies = Self.currenciesDocument(inputs)
        documents = (scopes.first?.documents ?? []) + [currencies]
        guard let primary = scopes.first else {
            record = RunWriter.RunRecord(
                startedAt: startedAt,
                latestPeriod: nil,
                passes: passes.map(\.rawValue),
                rowsScanned: 0,
                provisional: false,
                currency: "",
                summary: .object([])
            )
            return
        }
        record = primary.record
        record.latestPeriod = scopes.compactMap(\.record.latestPeriod).max()
        record.rowsScanned = scopes.reduce(0) { $0 + $1.rowsScanned }
        record.provisional = scopes.contains { $0.record.provisional }
        record.summary = summary(including: [:])
    }

    /// Adds steps timed outside the analyses (reading the inputs) to the run's summary.
    public mutating func include(timings steps: [String: Double]) {
        record.summary = summary(including: steps)
    }

    /// The run's figures for operators: materiality (of the currency with the most lines), findings by kind, seconds
    /// per step, the ranking's figures (``RankingSummary``: what the caps left out, severity thresholds), and with
    /// several currencies their codes.
    func summary(including steps: [String: Double]) -> JSONValue {
        let byKind = findingsByKind
        let timings = self.timings.merging(steps) { _, outside in outside }
        var pairs: [(String, JSONValue)] = [
            ("materiality", .decimal(Money(minorUnits: scopes.first?.materiality ?? 0))),
            ("findings_by_kind", .object(byKind.keys.sorted().map { ($0, .int(Int64(byKind[$0]!))) })),
            ("timings", .object(timings.keys.sorted().map { ($0, .double(timings[$0]!)) })),
        ]
        pairs += RankingSummary.combined(scopes.map(\.ranking))?.fields ?? []
        if scopes.count > 1 { pairs.append(("currencies", .array(scopes.map { .string($0.currency) }))) }
        if !suppressed.isEmpty {
            pairs.append(
                (
                    "suppressed_by_rule",
                    .object(suppressed.keys.sorted().map { ("\($0)", .int(Int64(suppressed[$0]!))) })
                )
            )
        }
        return .object(pairs)
    }

    /// Findings by kind (raw values), all currencies together.
    public var findingsByKind: [String: Int] {
        findings.reduce(into: [:]) { counts, finding in counts[finding.draft.kind.rawValue, default: 0] += 1 }
    }

    /// Candidates the caps left out, by kind (raw values), all currencies together.
    public var leftOutByKind: [String: Int] {
        RankingSummary.combined(scopes.map(\.ranking))?.leftOut ?? [:]
    }

    /// Findings by severity (raw values), all currencies together.
    public var findingsBySeverity: [String: Int] {
        findings.reduce(into: [:]) { counts, finding in counts[finding.severity.rawValue, default: 0] += 1 }
    }

    /// Seconds per step, summed over the currencies.
    public var timings: [String: Double] {
        scopes.reduce(into: [:]) { sums, scope in sums.merge(scope.timings, uniquingKeysWith: +) }
    }

    /// The three most important findings' sentences over every currency.
    public var headlines: [String] {
        DetectorAnalysis.headlines(findings)
    }

    /// `currencies`: per currency, its lines, its spend and its spend per period (from the slice totals).
    static func currenciesDocument(_ inputs: [DetectorInputs]) -> RunWriter.Document {
        let entries: [JSONValue] = inputs.map { scope in
            let totals = scope.sliceTotals.filter { $0.dimension == nil }.sorted { $0.period < $1.period }
            return .object([
                ("currency", .string(scope.currency)), ("lines", .int(Int64(totals.reduce(0) { $0 + $1.lines }))),
                ("total", .decimal(Money(minorUnits: totals.reduce(0) { $0 + $1.amount }))),
                (
                    "periods",
                    .array(
                        totals.map { total in
                            .object([
                                ("period", .string(total.period.description)),
                                ("amount", .decimal(Money(minorUnits: total.amount))),
                                ("lines", .int(Int64(total.lines))),
                            ])
                        }
                    )
                ),
            ])
        }
        let schema = "finrca.currencies/1"
        return RunWriter.Document(
            name: "currencies",
            schema: schema,
            content: .object([("schema", .string(schema)), ("currencies", .array(entries))])
        )
    }
}
