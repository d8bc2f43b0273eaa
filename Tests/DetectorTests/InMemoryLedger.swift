import Foundation
import Shared

@testable import Detector

/// A small ledger built line by line in memory, turned into the ``DetectorInputs`` a run would read: the slice
/// totals are summed here the way ``LedgerReader/sliceTotals(on:)`` has PostgreSQL sum them (a total per period,
/// and per period and member of each slice dimension, NULL as the empty member).
struct InMemoryLedger {
    private(set) var columns = LedgerColumns()
    private var nextLine: Int64 = 2

    /// Appends one line of `amount` minor units; the source line counts up from 2.
    mutating func add(
        _ amount: Int64,
        year: Int16 = 2024,
        period: Int8,
        day: Int32? = nil,
        directorate: String = "Operations",
        costCentre: String = "31090",
        account: String? = "521010",
        supplier: String? = "PT Sinar Abadi",
        area: String = "F01",
        reference: String? = nil
    ) {
        columns.append(
            batchID: 1,
            sourceLine: nextLine,
            amount: amount,
            fiscalYear: year,
            period: period,
            postingDay: day ?? Self.firstMonday(year: Int(year), period: Int(period)),
            dimensions: [directorate, costCentre, account, supplier, area],
            reference: reference
        )
        nextLine += 1
    }

    /// The inputs of a detector run over these lines, from file `gl.csv` (batch 1).
    func inputs(currency: String = "GBP") -> DetectorInputs {
        struct Key: Hashable {
            var dimension: LedgerDimension?
            var member: String
            var period: FiscalPeriod
        }
        var sums: [Key: (amount: Int64, lines: Int)] = [:]
        for row in 0..<columns.count {
            let period = FiscalPeriod(year: Int(columns.fiscalYear[row]), period: Int(columns.period[row]))
            var keys = [Key(dimension: nil, member: "", period: period)]
            for dimension in LedgerDimension.slices {
                let member = columns.dictionary(dimension).value(columns.codes(dimension)[row]) ?? ""
                keys.append(Key(dimension: dimension, member: member, period: period))
            }
            for key in keys {
                sums[key, default: (0, 0)].amount += columns.amount[row]
                sums[key, default: (0, 0)].lines += 1
            }
        }
        let totals = sums.map { key, value in
            LedgerReader.SliceTotal(
                dimension: key.dimension,
                member: key.member,
                period: key.period,
                amount: value.amount,
                lines: value.lines
            )
        }
        return DetectorInputs(currency: currency, sliceTotals: totals, columns: columns, batchFiles: [1: "gl.csv"])
    }

    /// Days since 1970-01-01 of the first Monday of calendar month `period` of `year` (periods 1–12 are months).
    static func firstMonday(year: Int, period: Int) -> Int32 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let first = calendar.date(from: DateComponents(year: year, month: min(period, 12), day: 1))!
        let weekday = calendar.component(.weekday, from: first)  // 1 = Sunday, 2 = Monday
        let offset = (9 - weekday) % 7
        return Int32(first.timeIntervalSince1970 / 86_400) + Int32(offset)
    }
}
