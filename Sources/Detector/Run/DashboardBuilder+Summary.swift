import Foundation
import Shared

extension DashboardBuilder {
    static func summary(_ inputs: Inputs) -> [(String, JSONValue)] {
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

    static func eda(_ inputs: Inputs) -> [(String, JSONValue)] {
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

    static func breakdown(_ dimension: LedgerDimension, columns: LedgerColumns) -> [(String, JSONValue)] {
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
}
