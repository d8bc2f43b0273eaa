/// The same–same–same test within one run of payments of the same supplier and amount: lines whose references
/// are equal, or equal once normalised (``InvoiceReference/normalised(_:)``), on any dates.
///
/// Linked lines form a group. A group is one document, not a duplicate, when all its lines carry the same
/// reference, fall on one day and are booked to pairwise different (cost centre, GL account) codings: an invoice
/// allocated across cost centres in equal parts. Any other group is reported: ``DuplicateRule/sameReference``
/// when its lines carry one reference, ``DuplicateRule/similarReference`` when they carry several.
struct ReferenceDuplicates {
    /// The reported groups, each in run order.
    private(set) var groups: [DuplicateGroup] = []
    /// Rows of the run in reported groups.
    private(set) var reportedRows: Set<Int> = []

    init(run: [Int], lines: PaymentLines) {
        var links = UnionFind(count: run.count)
        var firstByCode: [Int32: Int] = [:]
        var firstByNormalised: [String: Int] = [:]
        for (index, row) in run.enumerated() {
            guard let code = lines.reference(row) else { continue }
            if let first = firstByCode[code] {
                links.union(first, index)
                continue
            }
            firstByCode[code] = index
            guard let normalised = lines.referenceText(row).flatMap(InvoiceReference.normalised) else { continue }
            if let first = firstByNormalised[normalised] {
                links.union(first, index)
            } else {
                firstByNormalised[normalised] = index
            }
        }
        for members in links.sets(minimumSize: 2) {
            let rows = members.map { run[$0] }
            let references = Set(rows.compactMap(lines.reference))
            if references.count == 1, Self.isAllocation(rows, lines: lines) { continue }
            groups.append(DuplicateGroup(rule: references.count == 1 ? .sameReference : .similarReference, rows: rows))
            reportedRows.formUnion(rows)
        }
    }

    /// One day and pairwise different codings: the lines of one allocated document.
    private static func isAllocation(_ rows: [Int], lines: PaymentLines) -> Bool {
        Set(rows.map(lines.day)).count == 1 && Set(rows.map(lines.coding)).count == rows.count
    }
}

/// Payments that may be one payment made more than once, or one invoice split into parts.
struct DuplicateGroup: Sendable, Equatable {
    /// The test that matched.
    let rule: DuplicateRule
    /// The lines, in (posting day, row) order.
    let rows: [Int]
}
