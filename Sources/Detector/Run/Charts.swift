public import Shared

/// Plotly figures (`{"data": [...], "layout": {...}}`) for the dashboard, with exact decimal amounts.
public enum Charts {
    private static func figure(_ data: [JSONValue], layout: [(String, JSONValue)]) -> [(String, JSONValue)] {
        [("figure", .object([("data", .array(data)), ("layout", .object(layout))]))]
    }

    private static func axisTitle(_ text: String) -> JSONValue {
        .object([("title", .object([("text", .string(text))]))])
    }

    /// Monthly spend of the organisation as a line.
    public static func trend(_ series: [(FiscalPeriod, (amount: Int64, lines: Int))], currency: String) -> [(
        String, JSONValue
    )] {
        figure(
            [
                .object([
                    ("type", .string("scatter")), ("mode", .string("lines+markers")), ("name", .string("spend")),
                    ("x", .array(series.map { .string($0.0.description) })),
                    ("y", .array(series.map { .decimal(Money(minorUnits: $0.1.amount)) })),
                ])
            ],
            layout: [
                ("title", .object([("text", .string("Monthly spend"))])),
                ("xaxis", axisTitle("period")), ("yaxis", axisTitle(currency)),
            ]
        )
    }

    /// Spend by directorate in the latest fiscal year, as a pie.
    public static func categoryBreakdown(columns: LedgerColumns, currency: String) -> [(String, JSONValue)] {
        let latestYear = columns.fiscalYear.max() ?? 0
        let codes = columns.codes(.directorate)
        let dictionary = columns.dictionary(.directorate)
        var amounts = [Int64](repeating: 0, count: dictionary.count)
        for row in 0..<columns.count where columns.fiscalYear[row] == latestYear {
            amounts[Int(codes[row])] += columns.amount[row]
        }
        let members = amounts.indices.filter { amounts[$0] > 0 }.sorted { amounts[$0] > amounts[$1] }
        return figure(
            [
                .object([
                    ("type", .string("pie")),
                    ("labels", .array(members.map { .string(dictionary.value(Int32($0)) ?? "(none)") })),
                    ("values", .array(members.map { .decimal(Money(minorUnits: amounts[$0])) })),
                ])
            ],
            layout: [
                ("title", .object([("text", .string("Spend by directorate, fiscal year \(latestYear) (\(currency))"))]))
            ]
        )
    }

    /// Spend of the 30 largest cost centres over the latest 12 periods, as a heatmap.
    public static func heatmap(_ sliceTotals: [LedgerReader.SliceTotal], currency: String) -> [(String, JSONValue)] {
        let costCentres = sliceTotals.filter { $0.dimension == .costCenter }
        let periods = Array(Set(costCentres.map(\.period)).sorted().suffix(12))
        let periodSet = Set(periods)
        var byMember: [String: [FiscalPeriod: Int64]] = [:]
        for total in costCentres where periodSet.contains(total.period) {
            byMember[total.member, default: [:]][total.period] = total.amount
        }
        let members = byMember.keys
            .sorted {
                let a = byMember[$0]!.values.reduce(0, +)
                let b = byMember[$1]!.values.reduce(0, +)
                return a != b ? a > b : $0 < $1
            }
            .prefix(30)
        return figure(
            [
                .object([
                    ("type", .string("heatmap")),
                    ("x", .array(periods.map { .string($0.description) })),
                    ("y", .array(members.map { .string($0.isEmpty ? "(none)" : $0) })),
                    (
                        "z",
                        .array(
                            members.map { member in
                                .array(periods.map { .decimal(Money(minorUnits: byMember[member]![$0] ?? 0)) })
                            }
                        )
                    ),
                ])
            ],
            layout: [
                ("title", .object([("text", .string("Cost centre spend by period (\(currency))"))])),
                ("xaxis", axisTitle("period")), ("yaxis", axisTitle("cost centre")),
            ]
        )
    }

    /// Line amounts over time: flagged lines in one trace, a deterministic sample of the others in another.
    public static func anomalyScatter(columns: LedgerColumns, flags: [ScoredLine], currency: String) -> [(
        String, JSONValue
    )] {
        let flagged = Array(flags.prefix(1000))
        let flaggedRows = Set(flagged.map(\.row))
        let step = max(1, columns.count / 2000)
        let sample = stride(from: 0, to: columns.count, by: step).filter { !flaggedRows.contains($0) }
        func trace(_ name: String, _ rows: [Int]) -> JSONValue {
            .object([
                ("type", .string("scattergl")), ("mode", .string("markers")), ("name", .string(name)),
                (
                    "x",
                    .array(
                        rows.map {
                            .string(
                                FiscalPeriod(year: Int(columns.fiscalYear[$0]), period: Int(columns.period[$0]))
                                    .description
                            )
                        }
                    )
                ),
                ("y", .array(rows.map { .decimal(Money(minorUnits: columns.amount[$0])) })),
                ("text", .array(rows.map { .string("batch \(columns.batchID[$0]) line \(columns.sourceLine[$0])") })),
            ])
        }
        return figure(
            [trace("lines (sample)", sample), trace("flagged", flagged.map(\.row))],
            layout: [
                ("title", .object([("text", .string("Journal lines and statistical outliers"))])),
                ("xaxis", axisTitle("period")),
                ("yaxis", .object([("title", .object([("text", .string(currency))])), ("type", .string("log"))])),
            ]
        )
    }
}
