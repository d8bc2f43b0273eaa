import Shared

/// Spend and lines of one batch's accepted rows per currency, fiscal year, period and slice member, counted while
/// the file is transcoded: what the detector's per-batch slice totals hold (``BatchSliceTotal``), without a scan of
/// the batch's lines afterwards.
///
/// Members are the values as stored: the trimmed field transcoded to UTF-8, a constant as given, and an empty or
/// absent field as the empty string (the detector's totals `coalesce` NULL to it). They are counted by their bytes
/// in the file and decoded once per distinct value at the end.
struct SliceTally {
    /// Where the currency and each slice dimension's value come from (``LedgerDimension/slices`` order after the
    /// currency).
    private let sources: [TranscodePlan.Source]
    /// Per source, the encoding its bytes are in (a constant is UTF-8).
    private let encodings: [TextEncoding]
    /// Per source, its distinct values' bytes as read, numbered in order of appearance.
    private var values: [UTF8Index]
    /// Per (period, currency, dimension, member): spend and lines.
    private var slices: [Key: Total] = [:]

    private struct Key: Hashable {
        /// `fiscal year × 100 + period`.
        var period: Int32
        var currency: Int32
        /// 0 for the organisation's total, else 1 + the dimension's place in ``LedgerDimension/slices``.
        var dimension: Int32
        /// The member's entry in its dimension's values (0 for the total).
        var member: Int32
    }

    private struct Total {
        var minorUnits: Int64 = 0
        var lines: Int64 = 0

        mutating func add(_ minorUnits: Int64) {
            self.minorUnits += minorUnits
            lines += 1
        }
    }

    /// A tally for rows transcoded by `plan`.
    init(plan: TranscodePlan) {
        let columns =
            [FinanceExpenseColumn.companyCodeCurrencyKey]
            + LedgerDimension.slices.map { FinanceExpenseColumn(rawValue: $0.column)! }
        sources = columns.map { plan.sources[FinanceExpenseColumn.allCases.firstIndex(of: $0)!] }
        encodings = sources.map { source in
            if case .constant = source { .utf8 } else { plan.settings.encoding }
        }
        values = Array(repeating: UTF8Index(), count: columns.count)
    }

    /// Counts one accepted row of `fiscalYear` and `period`, signed amount `minorUnits`, whose fields `field(i)`
    /// returns. The caller bounds the amounts' sum (the file's gross total fits in `Int64`).
    mutating func add(
        fiscalYear: Int,
        period: Int,
        minorUnits: Int64,
        field: (Int) -> UnsafeBufferPointer<UInt8>
    ) {
        let key = Int32(fiscalYear * 100 + period)
        let currency = code(0, field)
        slices[Key(period: key, currency: currency, dimension: 0, member: 0), default: Total()].add(minorUnits)
        for dimension in 1..<sources.count {
            let member = code(dimension, field)
            slices[Key(period: key, currency: currency, dimension: Int32(dimension), member: member), default: Total()]
                .add(minorUnits)
        }
    }

    /// The totals counted, in no particular order.
    func totals() -> [BatchSliceTotal] {
        let decoded = zip(values, encodings)
            .map { index, encoding in
                (0..<index.count)
                    .map { entry in
                        index.withBytes(of: entry) { encoding.string(from: $0.assumingMemoryBound(to: UInt8.self)) }
                    }
            }
        return slices.map { key, total in
            BatchSliceTotal(
                currency: decoded[0][Int(key.currency)],
                fiscalYear: Int(key.period / 100),
                period: Int(key.period % 100),
                dimension: key.dimension == 0 ? nil : LedgerDimension.slices[Int(key.dimension) - 1],
                member: key.dimension == 0 ? "" : decoded[Int(key.dimension)][Int(key.member)],
                minorUnits: total.minorUnits,
                lines: Int(total.lines)
            )
        }
    }

    /// The entry of source `index`'s value in this row.
    private mutating func code(_ index: Int, _ field: (Int) -> UnsafeBufferPointer<UInt8>) -> Int32 {
        switch sources[index] {
        case .field(let position, _):
            return code(index, UnsafeRawBufferPointer(FieldParsers.trimmed(field(position))))
        case .constant(let constant):
            return constant.withUnsafeBytes { code(index, $0) }
        case .absent:
            return code(index, UnsafeRawBufferPointer(start: nil, count: 0))
        }
    }

    private mutating func code(_ index: Int, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        let hash = UTF8Index.hash(bytes)
        if let entry = values[index].entry(of: bytes, hash: hash) { return Int32(entry) }
        values[index].append(bytes, hash: hash)
        return Int32(values[index].count - 1)
    }
}
