import Foundation
import Shared
import Testing

@testable import Detector

/// A line is judged against its GL account and supplier, else its GL account, else the ledger; a group's spread is
/// shrunk toward the typical spread of its level. Magnitudes are given directly so that every score is exact.
@Suite("Peer scores: usual amount and spread of a line's peers")
struct PeerScoresTests {
    /// Account A: supplier X with 5 lines (magnitudes 1 1 2 2 10), supplier Y with 5 lines (3 3 3 3 4), supplier Z
    /// with 2 lines (5 6); account B: 3 lines (7 8 9) of supplier X. Amounts are 100 × the row number + 1.
    static func fixture() -> (columns: LedgerColumns, magnitudes: [Double]) {
        var ledger = InMemoryLedger()
        let rows: [(account: String, supplier: String, magnitude: Double)] = [
            ("A", "X", 1), ("A", "X", 1), ("A", "X", 2), ("A", "X", 2), ("A", "X", 10),
            ("A", "Y", 3), ("A", "Y", 3), ("A", "Y", 3), ("A", "Y", 3), ("A", "Y", 4),
            ("A", "Z", 5), ("A", "Z", 6),
            ("B", "X", 7), ("B", "X", 8), ("B", "X", 9),
        ]
        for (index, row) in rows.enumerated() {
            ledger.add(Int64(index) * 100 + 1, period: 1, account: row.account, supplier: row.supplier)
        }
        return (ledger.columns, rows.map(\.magnitude))
    }

    static func scores(priorLines: Double) -> PeerScores {
        let (columns, magnitudes) = fixture()
        return PeerScores(
            columns,
            magnitudes: magnitudes,
            yearEnd: [],
            minimumLines: 5,
            priorLines: priorLines,
            minimumYearEndLines: 30
        )
    }

    @Test("peers: account and supplier with 5 lines, else the account, else the ledger; medians in minor units")
    func levels() {
        let peers = Self.scores(priorLines: 5)
        let levels: [PeerScores.Level] = Array(repeating: .accountAndSupplier, count: 10) + [.account, .account]
        #expect(peers.levels == levels + Array(repeating: .ledger, count: 3))
        #expect(peers.peerLines == Array(repeating: 5, count: 10) + [12, 12] + [15, 15, 15])
        // Lower middle of each group's amounts: X rows 0-4 → row 2; Y rows 5-9 → row 7; account A rows 0-11 → row 5;
        // the ledger's 15 rows → row 7.
        let medians: [Int64] = Array(repeating: 201, count: 5) + Array(repeating: 701, count: 5) + [501, 501]
        #expect(peers.medians == medians + [701, 701, 701])
        #expect(peers.deviations[4] == 8)
        #expect(peers.deviations[9] == 1)
    }

    @Test("without a prior, the score is the group's modified z-score; MAD = 0 falls back to MeanAD")
    func noPrior() {
        let peers = Self.scores(priorLines: 0)
        // X: median 2, MAD 1 → (10 − 2) · 0.6745 / 1.
        #expect(abs(peers.scores[4] - 8 * 0.6745) < 1e-12)
        // Y: median 3, MAD 0, MeanAD 0.2 → (4 − 3) / (1.253314 · 0.2).
        #expect(abs(peers.scores[9] - 1 / (1.253314 * 0.2)) < 1e-12)
        // Account A's 12 lines: median 3, |deviations| 2 2 1 1 7 0 0 0 0 1 2 3 → MAD 1.
        #expect(abs(peers.scores[11] - 3 * 0.6745) < 1e-12)
        // The ledger's 15 lines: median 3, MAD 2 (deviations 2 2 1 1 7 0 0 0 0 1 2 3 4 5 6).
        #expect(abs(peers.scores[14] - 6 * 0.6745 / 2) < 1e-12)
    }

    @Test("a small group's spread is shrunk toward the typical spread of its level")
    func prior() {
        let peers = Self.scores(priorLines: 5)
        let x = 1 / 0.6745
        let y = 1.253314 * 0.2
        // Typical spread at the level of account and supplier: the lower middle of (y, x) = y.
        let spreadX = ((5 * x * x + 5 * y * y) / 10).squareRoot()
        #expect(abs(peers.scores[4] - 8 / spreadX) < 1e-12)
        #expect(abs(peers.scores[9] - 1 / y) < 1e-12)
        // Account A is the only account with 5 lines: its own spread is the typical one.
        #expect(abs(peers.scores[11] - 3 * 0.6745) < 1e-12)
    }
}
