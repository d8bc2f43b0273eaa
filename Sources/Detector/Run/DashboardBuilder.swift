public import Foundation
public import Shared

/// Builds the precomputed dashboard documents of a run: summary, EDA, breakdowns, time series, anomalies per
/// method and Plotly chart figures. Every amount is an exact decimal; every document carries its `schema`.
public struct DashboardBuilder: Sendable {
    /// What the documents are built from.
    public struct Inputs: Sendable {
        /// The run's currency.
        public var currency: String
        /// The latest period analysed.
        public var latestPeriod: FiscalPeriod?
        /// All journal lines.
        public var columns: LedgerColumns
        /// Per-period totals by slice (from PostgreSQL).
        public var sliceTotals: [LedgerReader.SliceTotal]
        /// The run's findings.
        public var findings: [Finding]
        /// Flagged lines of the statistical pass, highest score first.
        public var statisticalFlags: [ScoredLine]
        /// Flagged lines of the Isolation Forest, highest score first.
        public var forestFlags: [ScoredLine]
        /// Flagged changes.
        public var changes: [SliceChange]
        /// Root-cause analysis of the latest period's change at organisation level.
        public var latestExplanation: ChangeExplanation?
        /// Whether the latest period looked incomplete.
        public var provisional: Bool
        /// When the run started.
        public var generatedAt: Date
    }

    /// Names of the chart documents, for `/charts/available`.
    public static let chartNames = [
        "chart_trend", "chart_category_breakdown", "chart_heatmap", "chart_anomaly_scatter", "chart_rca_waterfall",
    ]

    /// Builds every document.
    public static func documents(_ inputs: Inputs) -> [RunWriter.Document] {
        var documents: [RunWriter.Document] = []
        func add(_ name: String, _ schema: String, _ fields: [(String, JSONValue)]) {
            documents.append(
                RunWriter.Document(name: name, schema: schema, content: .object([("schema", .string(schema))] + fields))
            )
        }
        let columns = inputs.columns
        let totalByPeriod = Self.totals(inputs.sliceTotals, dimension: nil)

        add("summary", "finrca.summary/1", summary(inputs))
        add("eda_summary", "finrca.eda/1", eda(inputs))
        for dimension in LedgerDimension.allCases {
            add("breakdown_\(dimension.rawValue)", "finrca.breakdown/1", breakdown(dimension, columns: columns))
        }
        add(
            "timeseries_month_year",
            "finrca.timeseries/1",
            [
                ("group_by", .string("month_year")),
                (
                    "points",
                    .array(
                        totalByPeriod.map { period, value in
                            .object([
                                ("label", .string(period.description)),
                                ("amount", .decimal(Money(minorUnits: value.amount))),
                                ("lines", .int(Int64(value.lines))),
                            ])
                        }
                    )
                ),
            ]
        )
        add(
            "timeseries_fiscal_year",
            "finrca.timeseries/1",
            [
                ("group_by", .string("fiscal_year")),
                (
                    "points",
                    .array(
                        Self.group(totalByPeriod, by: { String($0.year) })
                            .map { label, value in
                                .object([
                                    ("label", .string(label)), ("amount", .decimal(Money(minorUnits: value.amount))),
                                    ("lines", .int(Int64(value.lines))),
                                ])
                            }
                    )
                ),
            ]
        )
        add(
            "timeseries_posting_period",
            "finrca.timeseries/1",
            [
                ("group_by", .string("posting_period")),
                (
                    "points",
                    .array(
                        Self.group(totalByPeriod, by: { ($0.period < 10 ? "0" : "") + String($0.period) })
                            .map { label, value in
                                .object([
                                    ("label", .string(label)), ("amount", .decimal(Money(minorUnits: value.amount))),
                                    ("lines", .int(Int64(value.lines))),
                                ])
                            }
                    )
                ),
            ]
        )
        add(
            "anomalies_statistical",
            "finrca.anomalies/1",
            [
                ("method", .string("statistical")),
                ("flagged_lines", .int(Int64(inputs.statisticalFlags.count))),
                ("lines", .array(inputs.statisticalFlags.prefix(1000).map { line($0, columns: columns) })),
            ]
        )
        add(
            "anomalies_ml",
            "finrca.anomalies/1",
            [
                ("method", .string("isolation_forest")),
                ("flagged_lines", .int(Int64(inputs.forestFlags.count))),
                ("lines", .array(inputs.forestFlags.prefix(1000).map { line($0, columns: columns) })),
            ]
        )
        add(
            "anomalies_trends",
            "finrca.anomalies/1",
            [
                ("method", .string("trend")),
                (
                    "changes",
                    .array(
                        inputs.changes.map { change in
                            .object([
                                ("dimension", change.dimension.map { .string($0.rawValue) } ?? .null),
                                ("member", .string(change.member)),
                                ("period", .string(change.period.description)),
                                ("base_period", .string(change.base.description)),
                                ("previous", .decimal(Money(minorUnits: change.previous))),
                                ("current", .decimal(Money(minorUnits: change.current))),
                                ("delta", .decimal(Money(minorUnits: change.delta))),
                                ("relative_change", .double(change.relativeChange)),
                                ("significance", .double(change.significance)),
                            ])
                        }
                    )
                ),
            ]
        )
        add("chart_trend", "finrca.chart/1", Charts.trend(totalByPeriod, currency: inputs.currency))
        add(
            "chart_category_breakdown",
            "finrca.chart/1",
            Charts.categoryBreakdown(columns: columns, currency: inputs.currency)
        )
        add("chart_heatmap", "finrca.chart/1", Charts.heatmap(inputs.sliceTotals, currency: inputs.currency))
        add(
            "chart_anomaly_scatter",
            "finrca.chart/1",
            Charts.anomalyScatter(columns: columns, flags: inputs.statisticalFlags, currency: inputs.currency)
        )
        add(
            "chart_rca_waterfall",
            "finrca.chart/1",
            WaterfallChart.fields(inputs.latestExplanation?.bridges.first, currency: inputs.currency)
        )
        if let explanation = inputs.latestExplanation {
            add("rca_latest", "finrca.rca/1", Self.rca(explanation))
        }
        add("charts_available", "finrca.charts/1", [("charts", .array(chartNames.map { .string($0) }))])
        return documents
    }

    /// Per-period totals of one slice dimension (nil = organisation total), ordered by period.
    static func totals(_ sliceTotals: [LedgerReader.SliceTotal], dimension: LedgerDimension?) -> [(
        FiscalPeriod, (amount: Int64, lines: Int)
    )] {
        sliceTotals.filter { $0.dimension == dimension }.map { ($0.period, (amount: $0.amount, lines: $0.lines)) }
            .sorted { $0.0 < $1.0 }
    }

    private static func group(
        _ series: [(FiscalPeriod, (amount: Int64, lines: Int))],
        by label: (FiscalPeriod) -> String
    ) -> [(String, (amount: Int64, lines: Int))] {
        var grouped: [String: (amount: Int64, lines: Int)] = [:]
        for (period, value) in series {
            grouped[label(period), default: (0, 0)].amount += value.amount
            grouped[label(period), default: (0, 0)].lines += value.lines
        }
        return grouped.keys.sorted().map { ($0, grouped[$0]!) }
    }

    private static func summary(_ inputs: Inputs) -> [(String, JSONValue)] {
        var byKind: [String: Int] = [:]
        var bySeverity: [String: Int] = [:]
        for finding in inputs.findings {
            byKind[finding.draft.kind.rawValue, default: 0] += 1
            bySeverity[finding.severity.rawValue, default: 0] += 1
        }
        let top = inputs.findings
            .sorted {
                $0.severity != $1.severity
                    ? $0.severity > $1.severity
                    : ($0.draft.delta ?? $0.draft.actual ?? .zero).minorUnits.magnitude
                        > ($1.draft.delta ?? $1.draft.actual ?? .zero).minorUnits.magnitude
            }
            .prefix(10)
        return [
            ("generated_at", .string(ISO8601DateFormatter().string(from: inputs.generatedAt))),
            ("latest_period", inputs.latestPeriod.map { .string($0.description) } ?? .null),
            ("currency", .string(inputs.currency)),
            ("provisional", .bool(inputs.provisional)),
            ("lines", .int(Int64(inputs.columns.count))),
            ("total_spend", .decimal(Money(minorUnits: inputs.columns.amount.reduce(0, +)))),
            ("findings", .int(Int64(inputs.findings.count))),
            ("findings_by_kind", .object(byKind.keys.sorted().map { ($0, .int(Int64(byKind[$0]!))) })),
            (
                "findings_by_severity",
                .object(Severity.allCases.reversed().map { ($0.rawValue, .int(Int64(bySeverity[$0.rawValue] ?? 0))) })
            ),
            (
                "top_findings",
                .array(
                    top.map { finding in
                        .object([
                            ("fingerprint", .string(finding.fingerprint)),
                            ("kind", .string(finding.draft.kind.rawValue)),
                            ("severity", .string(finding.severity.rawValue)),
                            ("period", finding.draft.period.map { .string($0.description) } ?? .null),
                            ("dimension_path", .string(Finding.path(finding.draft.dimensions))),
                            ("delta", finding.draft.delta.map { .decimal($0) } ?? .null),
                            ("explanation", .string(finding.draft.explanation)),
                        ])
                    }
                )
            ),
        ]
    }

    private static func eda(_ inputs: Inputs) -> [(String, JSONValue)] {
        let columns = inputs.columns
        let sorted = columns.amount.sorted()
        func quantile(_ q: Double) -> JSONValue {
            sorted.isEmpty
                ? .null : .decimal(Money(minorUnits: sorted[min(sorted.count - 1, Int(q * Double(sorted.count - 1)))]))
        }
        var years: [Int16: (amount: Int64, lines: Int)] = [:]
        var debits = (amount: Int64(0), lines: 0)
        var credits = (amount: Int64(0), lines: 0)
        for row in 0..<columns.count {
            years[columns.fiscalYear[row], default: (0, 0)].amount += columns.amount[row]
            years[columns.fiscalYear[row], default: (0, 0)].lines += 1
            if columns.amount[row] >= 0 {
                debits.amount += columns.amount[row]
                debits.lines += 1
            } else {
                credits.amount += columns.amount[row]
                credits.lines += 1
            }
        }
        return [
            ("currency", .string(inputs.currency)),
            ("lines", .int(Int64(columns.count))),
            ("total_spend", .decimal(Money(minorUnits: columns.amount.reduce(0, +)))),
            (
                "debits",
                .object([("lines", .int(Int64(debits.lines))), ("amount", .decimal(Money(minorUnits: debits.amount)))])
            ),
            (
                "credits",
                .object([
                    ("lines", .int(Int64(credits.lines))), ("amount", .decimal(Money(minorUnits: credits.amount))),
                ])
            ),
            (
                "fiscal_years",
                .array(
                    years.keys.sorted()
                        .map { year in
                            .object([
                                ("fiscal_year", .int(Int64(year))), ("lines", .int(Int64(years[year]!.lines))),
                                ("amount", .decimal(Money(minorUnits: years[year]!.amount))),
                            ])
                        }
                )
            ),
            (
                "distinct",
                .object(LedgerDimension.allCases.map { ($0.rawValue, .int(Int64(columns.dictionary($0).count - 1))) })
            ),
            (
                "amount_quantiles",
                .object([
                    ("min", quantile(0)), ("p25", quantile(0.25)), ("median", quantile(0.5)), ("p75", quantile(0.75)),
                    ("p90", quantile(0.9)), ("p99", quantile(0.99)), ("max", quantile(1)),
                ])
            ),
        ]
    }

    private static func breakdown(_ dimension: LedgerDimension, columns: LedgerColumns) -> [(String, JSONValue)] {
        let codes = columns.codes(dimension)
        let dictionary = columns.dictionary(dimension)
        var amounts = [Int64](repeating: 0, count: dictionary.count)
        var lines = [Int](repeating: 0, count: dictionary.count)
        for row in 0..<columns.count {
            amounts[Int(codes[row])] += columns.amount[row]
            lines[Int(codes[row])] += 1
        }
        let total = amounts.reduce(0, +)
        let ranked = amounts.indices.filter { lines[$0] > 0 }
            .sorted {
                amounts[$0].magnitude != amounts[$1].magnitude ? amounts[$0].magnitude > amounts[$1].magnitude : $0 < $1
            }
        let top = ranked.prefix(50)
        let rest = ranked.dropFirst(50)
        return [
            ("dimension", .string(dimension.rawValue)),
            ("total", .decimal(Money(minorUnits: total))),
            ("members", .int(Int64(ranked.count))),
            (
                "items",
                .array(
                    top.map { code in
                        .object([
                            ("value", .string(dictionary.value(Int32(code)) ?? "(none)")),
                            ("amount", .decimal(Money(minorUnits: amounts[code]))),
                            ("lines", .int(Int64(lines[code]))),
                            ("share", .double(total != 0 ? Double(amounts[code]) / Double(total) : 0)),
                        ])
                    }
                )
            ),
            (
                "other",
                .object([
                    ("members", .int(Int64(rest.count))),
                    ("amount", .decimal(Money(minorUnits: rest.reduce(0) { $0 + amounts[$1] }))),
                    ("lines", .int(Int64(rest.reduce(0) { $0 + lines[$1] }))),
                ])
            ),
        ]
    }

    /// A root-cause analysis as a document (also used by `finrca rca --json`).
    public static func rca(_ explanation: ChangeExplanation) -> [(String, JSONValue)] {
        [
            ("from", .string(explanation.from.description)),
            ("to", .string(explanation.to.description)),
            ("filter", .object(explanation.filter.map { ($0.dimension.rawValue, .string($0.value)) })),
            ("change", .decimal(explanation.change)),
            (
                "bridges",
                .array(
                    explanation.bridges.map { bridge in
                        .object([
                            ("dimension", .string(bridge.dimension.rawValue)),
                            ("start", .decimal(bridge.start)), ("end", .decimal(bridge.end)),
                            (
                                "steps",
                                .array(
                                    bridge.steps.prefix(50)
                                        .map { step in
                                            .object([
                                                ("member", .string(step.member)), ("start", .decimal(step.start)),
                                                ("end", .decimal(step.end)),
                                                ("contribution", .decimal(step.contribution)),
                                            ])
                                        }
                                )
                            ),
                            ("other_steps", .int(Int64(max(0, bridge.steps.count - 50)))),
                            (
                                "other_contribution",
                                .decimal(bridge.steps.dropFirst(50).reduce(Money.zero) { $0 + $1.contribution })
                            ),
                        ])
                    }
                )
            ),
            ("root_cause_set", .string(explanation.search.squeezeForm)),
            (
                "ranked",
                .array(
                    explanation.search.ranked.map { candidate in
                        .object([
                            ("element", .string(candidate.element.description)),
                            ("explained_share", .double(candidate.explainedShare)),
                            ("surprise", .double(candidate.surprise)),
                            ("score", .double(candidate.score)),
                            ("root_cause", .bool(candidate.isRootCause)),
                        ])
                    }
                )
            ),
            (
                "forest_importance",
                .array(
                    explanation.importance.map {
                        .object([
                            ("dimension", .string(ChangeExplanation.leafDimensions[$0.dimension].rawValue)),
                            ("importance", .double($0.importance)),
                            ("permutation_increase", $0.permutationIncrease.map { .double($0) } ?? .null),
                        ])
                    }
                )
            ),
            (
                "correlations",
                .array(
                    explanation.correlations.map {
                        .object([
                            ("dimension", .string($0.dimension.rawValue)), ("member", .string($0.member)),
                            ("r", .double($0.coefficient)),
                        ])
                    }
                )
            ),
            (
                "evidence",
                .array(
                    explanation.evidence.map {
                        .object([
                            ("batch_id", .int($0.batchID)), ("line", .int($0.line)), ("amount", .decimal($0.amount)),
                        ])
                    }
                )
            ),
        ]
    }

    private static func line(_ flag: ScoredLine, columns: LedgerColumns) -> JSONValue {
        let row = flag.row
        return .object([
            ("batch_id", .int(columns.batchID[row])),
            ("line", .int(columns.sourceLine[row])),
            (
                "period",
                .string(FiscalPeriod(year: Int(columns.fiscalYear[row]), period: Int(columns.period[row])).description)
            ),
            ("amount", .decimal(Money(minorUnits: columns.amount[row]))),
            ("score", .double((flag.score * 1000).rounded() / 1000)),
            ("gl_account", .string(columns.dictionary(.glAccount).value(columns.codes(.glAccount)[row]) ?? "")),
            ("cost_center", .string(columns.dictionary(.costCenter).value(columns.codes(.costCenter)[row]) ?? "")),
            ("supplier", .string(columns.dictionary(.supplier).value(columns.codes(.supplier)[row]) ?? "")),
        ])
    }
}
