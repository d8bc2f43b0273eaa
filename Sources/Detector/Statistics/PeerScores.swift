import Foundation
public import Shared

/// How far each journal line is from the usual amount of its peers, in robust standard deviations of
/// log-magnitude `log10(1 + |amount|)`.
///
/// A line's peers are the lines of its GL account **and** supplier when there are at least `minimumLines` of them
/// (what this supplier usually bills on this account), else the lines of its GL account when there are that many,
/// else the whole ledger. The usual amount is the peers' median; their spread is the robust one of
/// ``RobustStatistics`` (MAD / 0.6745, or 1.253314 · MeanAD when MAD is 0), shrunk toward the typical spread of
/// groups of the same level (the median of their spreads) with a weight of `priorLines` lines:
///
///     spread² = (n · own spread² + priorLines · typical spread²) / (n + priorLines)
///
/// so a small account or supplier is judged by its own usual amount without trusting the spread of a handful of
/// lines: six identical invoices do not make a seventh at twice the price an outlier, and six scattered ones do
/// not hide one at 50 times. Year-end lines (when `yearEnd` is not empty) are judged only against year-end lines,
/// every other line only against other lines; with fewer than `minimumYearEndLines` year-end lines they are not
/// judged (score 0).
struct PeerScores: Sendable {
    /// The peers a line was judged against.
    enum Level: UInt8, Sendable {
        /// Lines of the same GL account and supplier.
        case accountAndSupplier
        /// Lines of the same GL account.
        case account
        /// Every line of the ledger (of the same kind, ordinary or year-end).
        case ledger

        /// Its name in a finding's details (`peers`).
        var name: String {
            switch self {
            case .accountAndSupplier: "gl_account and supplier"
            case .account: "gl_account"
            case .ledger: "ledger"
            }
        }
    }

    /// Per row: (log-magnitude − peers' median) / peers' shrunk spread.
    var scores: [Double]
    /// Per row: log-magnitude − peers' median, the log10 of how many times its usual size the line is.
    var deviations: [Double]
    /// Per row: the median signed amount of its peers (minor units, the lower middle for even counts).
    var medians: [Int64]
    /// Per row: the peers it was judged against.
    var levels: [Level]
    /// Per row: how many lines its peers have.
    var peerLines: [Int]

    /// Scores every row of `columns` whose log-magnitude is `magnitudes[row]`.
    init(
        _ columns: LedgerColumns,
        magnitudes: [Double],
        yearEnd: [Bool],
        minimumLines: Int,
        priorLines: Double,
        minimumYearEndLines: Int
    ) {
        let count = columns.count
        scores = [Double](repeating: 0, count: count)
        deviations = [Double](repeating: 0, count: count)
        medians = [Int64](repeating: 0, count: count)
        levels = [Level](repeating: .ledger, count: count)
        peerLines = [Int](repeating: 0, count: count)
        let pairs = Self.pairCodes(columns.codes(.glAccount), columns.codes(.supplier))
        let accounts = columns.codes(.glAccount)
        for kind in yearEnd.isEmpty ? [false] : [false, true] {
            let rows = yearEnd.isEmpty ? Array(0..<count) : (0..<count).filter { yearEnd[$0] == kind }
            guard !rows.isEmpty, !kind || rows.count >= minimumYearEndLines else { continue }
            var judged = [Bool](repeating: false, count: count)
            for (level, codes) in [(Level.accountAndSupplier, pairs), (.account, accounts)] {
                let groups = Self.groups(rows, codes: codes).filter { $0.count >= max(minimumLines, 1) }
                let statistics = groups.map { group in
                    var sample = group.map { magnitudes[$0] }
                    return RobustStatistics(sorting: &sample)
                }
                var spreads = statistics.map(Self.spread)
                guard !spreads.isEmpty else { continue }
                spreads.sort()
                let typical = spreads[(spreads.count - 1) / 2]
                for (group, statistics) in zip(groups, statistics) {
                    let n = Double(group.count)
                    let own = Self.spread(statistics)
                    let spread = ((n * own * own + priorLines * typical * typical) / (n + priorLines)).squareRoot()
                    let median = Self.lowerMedian(group.map { columns.amount[$0] })
                    for row in group where !judged[row] {
                        judged[row] = true
                        deviations[row] = magnitudes[row] - statistics.median
                        scores[row] = spread > 0 ? deviations[row] / spread : 0
                        medians[row] = median
                        levels[row] = level
                        peerLines[row] = group.count
                    }
                }
            }
            let rest = rows.filter { !judged[$0] }
            guard !rest.isEmpty else { continue }
            var sample = rows.map { magnitudes[$0] }
            let ledger = RobustStatistics(sorting: &sample)
            let median = Self.lowerMedian(rows.map { columns.amount[$0] })
            for row in rest {
                deviations[row] = magnitudes[row] - ledger.median
                scores[row] = ledger.modifiedZScore(magnitudes[row])
                medians[row] = median
                peerLines[row] = rows.count
            }
        }
    }

    /// The robust spread of a sample: MAD / 0.6745, else 1.253314 · MeanAD, so that `(x − median) / spread` is
    /// the modified z-score of ``RobustStatistics``.
    static func spread(_ statistics: RobustStatistics) -> Double {
        statistics.mad > 0 ? statistics.mad / 0.6745 : 1.253314 * statistics.meanAbsoluteDeviation
    }

    /// Dense codes of (GL account, supplier) pairs.
    static func pairCodes(_ accounts: [Int32], _ suppliers: [Int32]) -> [Int32] {
        var codes: [Int64: Int32] = [:]
        return zip(accounts, suppliers)
            .map { account, supplier in
                let key = Int64(account) << 32 | Int64(UInt32(bitPattern: supplier))
                if let code = codes[key] { return code }
                let code = Int32(codes.count)
                codes[key] = code
                return code
            }
    }

    /// `rows` grouped by their code, each group in row order, groups in order of their first row.
    static func groups(_ rows: [Int], codes: [Int32]) -> [[Int]] {
        var position: [Int32: Int] = [:]
        var groups: [[Int]] = []
        for row in rows {
            if let index = position[codes[row]] {
                groups[index].append(row)
            } else {
                position[codes[row]] = groups.count
                groups.append([row])
            }
        }
        return groups
    }

    /// The median of `amounts` (the lower middle for an even count).
    static func lowerMedian(_ amounts: [Int64]) -> Int64 {
        let sorted = amounts.sorted()
        return sorted[(sorted.count - 1) / 2]
    }
}
