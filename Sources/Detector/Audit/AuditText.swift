import Shared
import Foundation

/// The wording shared by the audit tests' explanations.
enum AuditText {
    /// "Supplier PT Maju Jaya", "Cost centre 31090".
    static func subject(_ dimension: LedgerDimension, _ value: String) -> String {
        dimension.label.prefix(1).uppercased() + dimension.label.dropFirst() + " " + value
    }

    /// A count with thousands separators: `1,234`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = value < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }

    /// A share as a percentage with one decimal: `16.2 %`.
    static func percent(_ share: Double) -> String {
        String(format: "%.1f %%", share * 100)
    }

    /// A statistic with a fixed number of decimals: `0.0213`.
    static func decimal(_ value: Double, places: Int) -> String {
        String(format: "%.\(places)f", value)
    }

    /// A probability given as its log₁₀, in words: "about 1 in 3,900", or "less than 1 in a billion".
    static func chance(log10Probability: Double) -> String {
        guard log10Probability > -9 else { return "less than 1 in a billion" }
        let odds = pow(10, -log10Probability)
        let scale = pow(10, max(0, (log10(odds)).rounded(.down) - 1))
        return "about 1 in " + count(Int((odds / scale).rounded() * scale))
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// The evidence lines in file order, at most `shown` of them, grouped by batch, with the number of lines
    /// left unnamed out of `total`: "lines 1044 and 1047 of batch 3", "line 9 of batch 2 and 4 more".
    static func lines(_ evidence: [EvidenceLine], total: Int, shown: Int = 5) -> String {
        let named = evidence.sorted { ($0.batchID, $0.line) < ($1.batchID, $1.line) }.prefix(shown)
        var groups: [(batch: Int64, lines: [Int64])] = []
        for line in named {
            if groups.last?.batch == line.batchID {
                groups[groups.count - 1].lines.append(line.line)
            } else {
                groups.append((line.batchID, [line.line]))
            }
        }
        let parts = groups.map { group in
            let numbers = list(group.lines.map(String.init))
            return (group.lines.count == 1 ? "line " : "lines ") + numbers + " of batch \(group.batch)"
        }
        let unnamed = total - named.count
        return list(parts + (unnamed > 0 ? ["\(count(unnamed)) more"] : []))
    }
}
