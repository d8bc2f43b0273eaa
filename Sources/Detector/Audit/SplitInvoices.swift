import Shared

/// The split invoice test: one invoice paid as several parts, so that no single payment reaches an approval
/// limit, or a round sum divided into odd-looking parts.
///
/// Parts are payments to one supplier whose references have the same stem (``InvoiceReference/stem(_:)``:
/// `INV-1001-1` and `INV-1001-2`, `1001A` and `1001B`, or `INV-1001` and `1001`), chained by posting dates at
/// most `windowDays` apart, under at least two different references. They are reported when their total
/// - reaches an approval limit that every part stays under (``Reason/approvalLimit(_:)``), or
/// - is a multiple of `roundUnit` while no part is (``Reason/roundTotal(_:)``).
/// Lines without a reference or a posting date are not tested.
struct SplitInvoices {
    let windowDays: Int
    let roundUnit: Money
    let approvalLimits: [Money]

    /// Why the parts look like one split invoice.
    enum Reason: Equatable {
        /// The total reaches this limit and every part is under it (the highest such limit).
        case approvalLimit(Money)
        /// The total is a multiple of this unit and no part is.
        case roundTotal(Money)
    }

    /// The split invoices among `lines`, each in (posting day, row) order.
    ///
    /// Each reference's stem is computed once, into a reused buffer; a stem that only one reference has cannot
    /// make a split (that needs two references), so only the lines of shared stems are sorted and chained.
    func groups(in lines: PaymentLines) -> [DuplicateGroup] {
        let references = lines.columns.references
        var stemCodes = UTF8Index()
        // Per reference code: its stem's code (0: no stem), or -1 while not yet computed.
        var stemOfReference = [Int32](repeating: -1, count: references.count)
        // Per stem code: how many references have it.
        var referencesPerStem: [Int] = [0]
        var form: [UInt8] = []
        for row in lines.rows {
            guard let reference = lines.reference(row), lines.day(row) != nil, stemOfReference[Int(reference)] < 0
            else { continue }
            var stem: Int32 = 0
            if InvoiceReference.stem(references.value(reference)!, into: &form) {
                // Stems are ASCII: equal bytes are equal stems. Stem code = entry + 1.
                stem = form.withUnsafeBytes { bytes in
                    let hash = UTF8Index.hash(bytes)
                    if let entry = stemCodes.entry(of: bytes, hash: hash) { return Int32(entry + 1) }
                    stemCodes.append(bytes, hash: hash)
                    referencesPerStem.append(0)
                    return Int32(stemCodes.count)
                }
                referencesPerStem[Int(stem)] += 1
            }
            stemOfReference[Int(reference)] = stem
        }
        var keys: [Key] = []
        for row in lines.rows {
            guard let reference = lines.reference(row), let day = lines.day(row) else { continue }
            let stem = stemOfReference[Int(reference)]
            if stem != 0, referencesPerStem[Int(stem)] > 1 {
                keys.append(Key(supplier: lines.suppliers[row], stem: stem, day: day, row: row))
            }
        }
        keys.sort()
        var groups: [DuplicateGroup] = []
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count, keys[end].supplier == keys[start].supplier, keys[end].stem == keys[start].stem,
                Int(keys[end].day) - Int(keys[end - 1].day) <= windowDays
            {
                end += 1
            }
            if end - start > 1 { groups += split(keys[start..<end].map(\.row), lines: lines) }
            start = end
        }
        return groups
    }

    /// A line with a reference and a posting date, in the order parts are chained in.
    private struct Key: Comparable {
        let supplier: Int32
        let stem: Int32
        let day: Int32
        let row: Int

        static func < (left: Key, right: Key) -> Bool {
            (left.supplier, left.stem, left.day, left.row) < (right.supplier, right.stem, right.day, right.row)
        }
    }

    /// `rows` as a split invoice, or nothing.
    private func split(_ rows: [Int], lines: PaymentLines) -> [DuplicateGroup] {
        guard rows.count > 1, Set(rows.compactMap(lines.reference)).count > 1,
            reason(parts: rows.map { Money(minorUnits: lines.columns.amount[$0]) }) != nil
        else { return [] }
        return [DuplicateGroup(rule: .splitInvoice, rows: rows)]
    }

    /// Why positive `parts` look like one split invoice, or nil when they do not.
    func reason(parts: [Money]) -> Reason? {
        let total = parts.reduce(0) { $0 + $1.minorUnits }
        let largest = parts.map(\.minorUnits).max() ?? 0
        if let limit = approvalLimits.filter({ largest < $0.minorUnits && total >= $0.minorUnits }).max() {
            return .approvalLimit(limit)
        }
        let unit = roundUnit.minorUnits
        if unit > 0, total % unit == 0, parts.allSatisfy({ $0.minorUnits % unit != 0 }) {
            return .roundTotal(roundUnit)
        }
        return nil
    }
}
