import Shared

@testable import Detector

/// Builds small ledgers for the audit tests line by line; every argument but the amount has a default.
struct AuditLedger {
    /// Monday 2024-07-01.
    static let monday: Int32 = 19_905
    /// Saturday 2024-07-13.
    static let saturday: Int32 = 19_917
    /// Sunday 2024-07-14.
    static let sunday: Int32 = 19_918

    private(set) var columns = LedgerColumns()
    private var nextLine: Int64 = 2

    /// Appends one line; the source line counts up from 2 unless given.
    mutating func add(
        _ amount: Int64,
        day: Int32 = monday,
        supplier: String? = "PT Sinar Abadi",
        costCentre: String? = "31090",
        reference: String? = nil,
        account: String? = "521010",
        accountType: String? = nil,
        batch: Int64 = 1,
        line: Int64? = nil,
        year: Int16 = 2024,
        period: Int8 = 7
    ) {
        let sourceLine = line ?? nextLine
        nextLine = sourceLine + 1
        columns.append(
            batchID: batch,
            sourceLine: sourceLine,
            amount: amount,
            fiscalYear: year,
            period: period,
            postingDay: day,
            dimensions: ["Operations", costCentre, account, supplier, "F01"],
            reference: reference,
            accountType: accountType
        )
    }

    /// Appends `count` lines of `amount`, one per day from `firstDay`, each with its own reference.
    mutating func addSeries(
        _ count: Int,
        amount: Int64,
        firstDay: Int32 = monday,
        supplier: String? = "PT Sinar Abadi",
        costCentre: String? = "31090",
        period: Int8 = 7
    ) {
        for index in 0..<count {
            add(
                amount,
                day: firstDay + Int32(index),
                supplier: supplier,
                costCentre: costCentre,
                reference: "\(supplier ?? "")-\(period)-\(index)",
                period: period
            )
        }
    }
}

extension FindingDraft {
    /// The source lines of the evidence, in evidence order.
    var evidenceLines: [Int64] { evidence.map(\.line) }
}

extension Array {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
