import Foundation
import Shared

extension DashboardBuilder {
    /// Per-period totals of one slice dimension (nil = organisation total), ordered by period.
    static func totals(_ sliceTotals: [LedgerReader.SliceTotal], dimension: LedgerDimension?) -> [(
        FiscalPeriod, (amount: Int64, lines: Int)
    )] {
        sliceTotals.filter { $0.dimension == dimension }.map { ($0.period, (amount: $0.amount, lines: $0.lines)) }
            .sorted { $0.0 < $1.0 }
    }

    static func group(
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

    /// The organisation's spend per period grouped three ways: by month (`YYYY-PP`), fiscal year and posting period.
    static func timeSeries(_ totalByPeriod: [(FiscalPeriod, (amount: Int64, lines: Int))]) -> [(String, JSONValue)] {
        func points(_ grouped: [(String, (amount: Int64, lines: Int))]) -> JSONValue {
            .array(
                grouped.map { label, value in
                    .object([
                        ("label", .string(label)), ("amount", .decimal(Money(minorUnits: value.amount))),
                        ("lines", .int(Int64(value.lines))),
                    ])
                }
            )
        }
        return [
            ("month_year", points(totalByPeriod.map { ($0.0.description, $0.1) })),
            ("fiscal_year", points(group(totalByPeriod, by: { String($0.year) }))),
            ("posting_period", points(group(totalByPeriod, by: { ($0.period < 10 ? "0" : "") + String($0.period) }))),
        ]
    }

    /// An anomalies document: the method, how many lines it flagged, and the first `limit` of them, highest score
    /// first.
    static func anomalies(method: String, _ flags: [ScoredLine], columns: LedgerColumns, limit: Int = 1000)
        -> [(String, JSONValue)]
    {
        [
            ("method", .string(method)), ("flagged_lines", .int(Int64(flags.count))),
            ("lines", .array(flags.prefix(limit).map { line($0, columns: columns) })),
        ]
    }

    /// The trend pass's flagged changes.
    static func trendChanges(_ changes: [SliceChange]) -> [(String, JSONValue)] {
        [
            ("method", .string("trend")),
            (
                "changes",
                .array(
                    changes.map { change in
                        .object([
                            ("dimension", change.dimension.map { .string($0.rawValue) } ?? .null),
                            ("member", .string(change.member)), ("period", .string(change.period.description)),
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
    }

    static func line(_ flag: ScoredLine, columns: LedgerColumns) -> JSONValue {
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
