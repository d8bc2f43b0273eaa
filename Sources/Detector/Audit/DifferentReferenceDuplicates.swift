import Shared

/// The same–same–different test within one run of payments of the same supplier and amount: lines chained by
/// posting dates at most `windowDays` apart (each within the window of the previous one), under at least two
/// different references, are one payment made again unless the pattern is normal in accounting:
///
/// - the supplier is a placeholder for many payees (a name containing one of `placeholderSuppliers`, e.g.
///   "Redacted Personal Data"): different references there are different people;
/// - the references are one run: all carry a number after the same letters (``InvoiceReference/runKey(_:)``)
///   and, sorted, each is at most `runGap` above the previous one: invoices keyed one after another in one
///   sitting (a payment run, a grant programme, instalments);
/// - the amount is a schedule (``PaymentSchedules``): paid to this supplier in `scheduleMinimumPeriods` periods;
/// - the amount was paid to at least `paymentRunSuppliers` suppliers on one of the days (checked afterwards by
///   ``PaymentRunDays``, which needs the whole ledger).
///
/// A line without a reference counts as a reference of its own, which is never part of a run.
struct DifferentReferenceDuplicates {
    let settings: AuditConfiguration.DuplicatePayments
    let schedules: PaymentSchedules

    /// The clusters of `run` outside `excluded` that pass every check but the payment run days, in run order.
    func candidates(run: [Int], excluding excluded: Set<Int>, lines: PaymentLines) -> [[Int]] {
        let supplier = lines.suppliers[run[0]]
        guard !schedules.contains(row: run[0], of: lines.columns), !isPlaceholder(supplier, lines: lines) else {
            return []
        }
        var clusters: [[Int]] = []
        var previousDay: Int32?
        for row in run where !excluded.contains(row) {
            guard let day = lines.day(row) else { continue }
            if let previous = previousDay, Int(day) - Int(previous) <= settings.windowDays {
                clusters[clusters.count - 1].append(row)
            } else {
                clusters.append([row])
            }
            previousDay = day
        }
        return clusters.filter {
            $0.count > 1 && hasDifferentReferences($0, lines: lines) && !isOneRun($0, lines: lines)
        }
    }

    private func isPlaceholder(_ supplier: Int32, lines: PaymentLines) -> Bool {
        let name = (lines.columns.dictionary(.supplier).value(supplier) ?? "").lowercased()
        return settings.placeholderSuppliers.contains { !$0.isEmpty && name.contains($0.lowercased()) }
    }

    /// At least two references, a line without one counting as its own; references equal once normalised
    /// count as one (they were tested by ``ReferenceDuplicates``).
    private func hasDifferentReferences(_ rows: [Int], lines: PaymentLines) -> Bool {
        var seen: Set<String> = []
        for row in rows {
            guard let text = lines.referenceText(row) else { return true }
            seen.insert(InvoiceReference.normalised(text) ?? text)
            if seen.count > 1 { return true }
        }
        return false
    }

    /// Whether the distinct references form one run (see the type's documentation).
    func isOneRun(_ rows: [Int], lines: PaymentLines) -> Bool {
        var prefix: String?
        var numbers: Set<Int64> = []
        for row in rows {
            guard let text = lines.referenceText(row), let key = InvoiceReference.runKey(text) else { return false }
            if prefix == nil { prefix = key.prefix }
            guard key.prefix == prefix else { return false }
            numbers.insert(key.number)
        }
        let sorted = numbers.sorted()
        return zip(sorted, sorted.dropFirst()).allSatisfy { $1 - $0 <= Int64(settings.runGap) }
    }
}

/// The (posting day, amount) pairs on which at least `minimumSuppliers` different suppliers were paid that
/// amount: a payment run or grant programme of one fixed sum, such as 264 grants of 30,000.00 on one day.
struct PaymentRunDays {
    private struct DayAmount: Hashable {
        let day: Int32
        let amount: Int64
    }

    private let days: Set<DayAmount>

    /// Counts the suppliers paid on the days and amounts of `candidates` only, in one pass over the ledger.
    init(candidates: [[Int]], lines: PaymentLines, minimumSuppliers: Int) {
        var wanted: [DayAmount: Set<Int32>] = [:]
        for row in candidates.joined() {
            wanted[Self.key(row, lines.columns)] = []
        }
        for row in 0..<lines.columns.count where lines.columns.amount[row] > 0 && lines.suppliers[row] != 0 {
            let key = Self.key(row, lines.columns)
            if wanted[key] != nil { wanted[key]!.insert(lines.suppliers[row]) }
        }
        days = Set(wanted.filter { $0.value.count >= minimumSuppliers }.keys)
    }

    /// Whether any line of `rows` falls on a payment run day of its amount.
    func contains(anyOf rows: [Int], lines: PaymentLines) -> Bool {
        rows.contains { days.contains(Self.key($0, lines.columns)) }
    }

    private static func key(_ row: Int, _ columns: LedgerColumns) -> DayAmount {
        DayAmount(day: columns.postingDay[row], amount: columns.amount[row])
    }
}
