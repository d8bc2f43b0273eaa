import Shared
import Foundation

/// The features the Isolation Forest sees for each journal line, engineered from the amount, its sign, the
/// period and frequency-encoded dimensions.
///
/// | column | feature |
/// |---|---|
/// | 0 | `log10(1 + |amount|)` (currency units) |
/// | 1 | 1 for a credit (negative amount), else 0 |
/// | 2 | posting period 1–16 |
/// | 3 | `log10` of the amount over its GL account's median line (how big for its kind of expense) |
/// | 4–7 | share of all lines that have the line's cost centre, GL account, supplier, directorate |
public enum LedgerFeatures {
    /// Names of the columns, in order.
    public static let names = [
        "log_magnitude", "credit", "period", "log_ratio_to_account_median", "cost_center_share", "gl_account_share",
        "supplier_share", "directorate_share",
    ]

    /// The feature matrix of every line; `accountMedians` are the per-line GL account medians (minor units).
    public static func matrix(_ columns: LedgerColumns, accountMedians: [Int64]) -> FeatureMatrix {
        let count = columns.count
        let width = names.count
        // Per dimension, the share of lines of each code (a table as long as the dictionary, not the ledger).
        let encoded: [(codes: [Int32], share: [Double])] = [
            LedgerDimension.costCenter, .glAccount, .supplier, .directorate,
        ]
        .map { dimension in
            let codes = columns.codes(dimension)
            var frequency = [Int](repeating: 0, count: columns.dictionary(dimension).count)
            for code in codes { frequency[Int(code)] += 1 }
            return (codes, frequency.map { Double($0) / Double(max(count, 1)) })
        }
        var values = [Double](repeating: 0, count: count * width)
        for row in 0..<count {
            let amount = columns.amount[row]
            let base = row * width
            values[base] = log10(1 + Double(amount.magnitude) / 100)
            values[base + 1] = amount < 0 ? 1 : 0
            values[base + 2] = Double(columns.period[row])
            let median = Double(max(accountMedians[row].magnitude, 1))
            values[base + 3] = log10(max(Double(amount.magnitude), 1) / median)
            for (offset, feature) in encoded.enumerated() {
                values[base + 4 + offset] = feature.share[Int(feature.codes[row])]
            }
        }
        return FeatureMatrix(rows: count, columns: width, values: values)
    }
}
