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
    func groups(in lines: PaymentLines) -> [DuplicateGroup] {
        var stemCodes: [String: Int32] = [:]
        var stemByReference: [Int32: Int32] = [:]
        var keys: [(supplier: Int32, stem: Int32, day: Int32, row: Int)] = []
        for row in lines.rows {
            guard let reference = lines.reference(row), let day = lines.day(row) else { continue }
            if stemByReference[reference] == nil {
                let stem = lines.referenceText(row).flatMap(InvoiceReference.stem)
                stemByReference[reference] =
                    stem.map { text in
                        if let code = stemCodes[text] { return code }
                        let code = Int32(stemCodes.count + 1)
                        stemCodes[text] = code
                        return code
                    } ?? 0
            }
            let stem = stemByReference[reference]!
            if stem != 0 { keys.append((lines.suppliers[row], stem, day, row)) }
        }
        keys.sort { ($0.supplier, $0.stem, $0.day, $0.row) < ($1.supplier, $1.stem, $1.day, $1.row) }
        var groups: [DuplicateGroup] = []
        var cluster: [Int] = []
        for (index, key) in keys.enumerated() {
            if index > 0, keys[index - 1].supplier == key.supplier, keys[index - 1].stem == key.stem,
                Int(key.day) - Int(keys[index - 1].day) <= windowDays
            {
                cluster.append(key.row)
                continue
            }
            groups += split(cluster, lines: lines)
            cluster = [key.row]
        }
        return groups + split(cluster, lines: lines)
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
