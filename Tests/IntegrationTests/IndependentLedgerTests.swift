import FinrcaTestSupport
import Detector
import Foundation
import Ingestor
import PostgresNIO
import Shared
import Testing

/// The detector on a ledger from `Benchmarks/ledgers/generate.py`, a generator written apart from finrca's own, with
/// other distributions (13-period years, Zipf suppliers, many small accounts, heavy tails, refunds, exact reversals,
/// schedules, payment runs, year-end journals) and outliers injected at 20–100× the usual amount of their
/// (account, supplier) pair. Issue 11's acceptance: recall of the injected outliers among the findings ≥ 0.95 with at
/// most 1 % of lines flagged, and no reversal reported. `Benchmarks/ledgers/evaluate.sh` gives the same figures on
/// 200,000-line ledgers and unseen seeds.
@Suite(
    "Detector on an independently generated labelled ledger (20,000 lines, seed 7)",
    .needsDatabase,
    .needsCommand("python3")
)
struct IndependentLedgerTests {
    /// What the test reads from `labels.json`.
    struct Labels: Decodable {
        struct Outlier: Decodable {
            var line: Int
        }
        struct Reversal: Decodable {
            var lines: [Int]
        }
        var lines: Int
        var outliers: [Outlier]
        var reversals: [Reversal]
    }

    /// The run's figures, computed as `Benchmarks/ledgers/score.py` computes them.
    struct Figures: Equatable, CustomStringConvertible {
        /// Injected outliers.
        var outliers: Int
        /// Injected outliers that are the evidence line of an outlier finding.
        var found: Int
        /// Lines flagged by the statistical pass (`anomalies_statistical`).
        var flagged: Int
        /// Distinct evidence lines of outlier findings.
        var reported: Int
        /// Labelled reversal lines (a posting and its exact negation) among them.
        var reversalsReported: Int

        var description: String {
            "outliers \(outliers), found \(found), flagged \(flagged), reported \(reported), "
                + "reversal lines reported \(reversalsReported)"
        }
    }

    static let seed = 7
    static let lines = 20_000

    /// Runs the generator into `folder`; returns the CSV's path and the labels.
    static func generate(in folder: TemporaryFolder) async throws -> (String, Labels) {
        let csv = folder.file("ledger-\(seed).csv")
        let labels = folder.file("labels-\(seed).json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", EmailTestSink.repositoryRoot.appendingPathComponent("Benchmarks/ledgers/generate.py").path,
            "--seed", "\(seed)", "--lines", "\(lines)", "--out", csv, "--labels", labels,
        ]
        try process.run()
        try await process.waitForExit()
        try #require(process.terminationStatus == 0, "generate.py exited \(process.terminationStatus)")
        let decoded = try JSONDecoder().decode(Labels.self, from: Data(contentsOf: URL(fileURLWithPath: labels)))
        return (csv, decoded)
    }

    /// The figures of run `runID` against `labels`.
    static func figures(_ labels: Labels, runID: Int64, on connection: PostgresConnection) async throws -> Figures {
        let outlierKinds = [FindingKind.statisticalOutlier, .isolationForest].map(\.rawValue)
        var reported = Set<Int>()
        for row in try await connection.rows(
            "SELECT kind, evidence::text FROM findings WHERE last_run_id = \(runID)"
        ) where outlierKinds.contains(row[0] ?? "") {
            let evidence = try #require(
                try JSONSerialization.jsonObject(with: Data((row[1] ?? "[]").utf8)) as? [[String: Any]]
            )
            reported.formUnion(evidence.compactMap { $0["line"] as? Int })
        }
        let document = try #require(
            try await connection.value(
                """
                SELECT document::text FROM dashboard_documents
                WHERE run_id = \(runID) AND name = 'anomalies_statistical'
                """
            )
        )
        let statistical = try #require(
            try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any]
        )
        let outliers = Set(labels.outliers.map(\.line))
        let reversals = Set(labels.reversals.flatMap(\.lines))
        return Figures(
            outliers: outliers.count,
            found: reported.intersection(outliers).count,
            flagged: try #require(statistical["flagged_lines"] as? Int),
            reported: reported.count,
            reversalsReported: reported.intersection(reversals).count
        )
    }

    @Test("recall of injected outliers, share of lines flagged and reversals reported, with the default configuration")
    func figures() async throws {
        let folder = try TemporaryFolder()
        let (csv, labels) = try await Self.generate(in: folder)
        #expect(labels.lines == Self.lines)
        try await TestDatabase.withFreshDatabase { _, connection in
            let load = try await BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
                .load(.init(path: csv, profile: .financeExpense), on: connection)
            #expect(load.rowsLoaded == Self.lines)
            #expect(load.rowsRejected == 0)
            let report = try await DetectorRunner(configuration: DetectorConfiguration(), logger: TestDatabase.logger)
                .run(on: connection)
            let figures = try await Self.figures(labels, runID: report.runID, on: connection)
            // Main at 842b100: recall 11/30, 41 reversal lines reported, 200 flagged, 150 reported. After issue 11
            // items 3-4 (f084e74: reversals, schedules, year-ends, attention ranking, outlier cap 400): recall 26/30,
            // no reversal line reported, 193 lines flagged, 209 reported. Outliers judged against their peers,
            // threshold 3.5, trivial share, drafted by multiple: recall 30/30, 81 flagged, 131 reported (50 of them
            // Isolation Forest lines).
            #expect(figures == Figures(outliers: 30, found: 30, flagged: 81, reported: 131, reversalsReported: 0))
            // Issue 11's targets.
            #expect(Double(figures.found) >= 0.95 * Double(figures.outliers), "\(figures)")
            #expect(Double(figures.flagged) <= 0.01 * Double(Self.lines), "\(figures)")
            #expect(figures.reversalsReported == 0, "\(figures)")
        }
    }
}
