import FinrcaTestSupport
import Detector
import Foundation
import Ingestor
import PostgresNIO
import SampleData
import Shared
import Testing

/// The detector on `finrca generate` data, scored against the generator's labels, through the real database.
@Suite("Detector on labelled generated ledgers (100k lines, seeds 1–3)", .needsDatabase)
struct DetectorAcceptanceTests {
    static let rows = 100_000

    /// Generates, loads and runs the detector once per seed, then hands the labels and a connection to `check`.
    static func withDetectedLedger(
        seed: UInt64,
        _ check: (SampleLabels, Int64, DetectorRunner.Report, PostgresConnection) async throws -> Void
    ) async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("gl-\(seed).csv")
        let labels = try SampleGenerator(configuration: .init(rows: rows, seed: seed))
            .write(csvPath: path, labelsPath: nil)
        try await TestDatabase.withFreshDatabase { _, connection in
            let load = try await BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
                .load(.init(path: path, profile: .financeExpense), on: connection)
            let report = try await DetectorRunner(configuration: DetectorConfiguration(), logger: TestDatabase.logger)
                .run(on: connection)
            try await check(labels, load.batchID, report, connection)
        }
    }

    static func lines(_ labels: SampleLabels, _ kind: SampleAnomalyKind) -> [SampleAnomaly] {
        labels.anomalies.filter { $0.kind == kind }
    }

    @Test("point outliers: recall ≥ 0.95 while at most 1 % of lines are flagged", arguments: [1, 2, 3] as [UInt64])
    func pointOutliers(seed: UInt64) async throws {
        try await Self.withDetectedLedger(seed: seed) { labels, batch, report, connection in
            let document = try #require(
                try await connection.value(
                    "SELECT document::text FROM dashboard_documents WHERE run_id = \(report.runID) AND name = 'anomalies_statistical'"
                )
            )
            let json = try #require(try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
            let flaggedCount = try #require(json["flagged_lines"] as? Int)
            let flagged = Set(((json["lines"] as? [[String: Any]]) ?? []).compactMap { ($0["line"] as? Int) })
            #expect(flagged.count == flaggedCount, "every flagged line is listed at 100k lines")
            #expect(Double(flaggedCount) <= 0.01 * Double(Self.rows))
            let outliers = Set(Self.lines(labels, .pointOutlier).flatMap(\.lines))
            #expect(outliers.count >= 50)
            let recall = Double(outliers.intersection(flagged).count) / Double(outliers.count)
            #expect(recall >= 0.95, "seed \(seed): recall \(recall) with \(flaggedCount) lines flagged")
        }
    }

    @Test(
        "the month-over-month spike and its cost centre are found; every duplicate payment is found",
        arguments: [1, 2, 3] as [UInt64]
    )
    func spikeAndDuplicates(seed: UInt64) async throws {
        try await Self.withDetectedLedger(seed: seed) { labels, batch, report, connection in
            let spike = try #require(Self.lines(labels, .momSpike).first)
            let costCentre = try #require(spike.dimensions["cost_center_id"])
            let period = try #require(spike.period)
            let spikeFindings = try await connection.value(
                """
                SELECT count(*)::text FROM findings WHERE last_run_id = \(report.runID) AND kind = 'mom_change'
                AND period = '\(period)' AND dimension_path = 'cost_center=\(costCentre)'
                """
            )
            #expect(spikeFindings == "1", "seed \(seed): spike of cost centre \(costCentre) in \(period)")

            var duplicateEvidence: [Set<Int>] = []
            for row in try await connection.rows(
                "SELECT evidence::text FROM findings WHERE last_run_id = \(report.runID) AND kind = 'duplicate_payment'"
            ) {
                let evidence = try #require(
                    try JSONSerialization.jsonObject(with: Data(row[0]!.utf8)) as? [[String: Any]]
                )
                duplicateEvidence.append(Set(evidence.compactMap { $0["line"] as? Int }))
            }
            for pair in Self.lines(labels, .duplicatePayment) {
                #expect(
                    duplicateEvidence.contains { Set(pair.lines).isSubset(of: $0) },
                    "seed \(seed): duplicate \(pair.lines)"
                )
            }
        }
    }

    @Test(
        "the injected root-cause set is ranked first in the explanation of the change it causes",
        arguments: [1, 2, 3] as [UInt64]
    )
    func rootCauseRankedFirst(seed: UInt64) async throws {
        try await Self.withDetectedLedger(seed: seed) { labels, _, report, connection in
            let injected = try #require(Self.lines(labels, .rootCause).first)
            let period = try #require(injected.period.flatMap(FiscalPeriod.init))
            let directorate = try #require(injected.dimensions["directorate"])
            let supplier = try #require(injected.dimensions["supplier"])
            // The injected spend makes its directorate's month-over-month change a finding …
            let flagged = try await connection.value(
                """
                SELECT count(*)::text FROM findings WHERE last_run_id = \(report.runID) AND kind = 'mom_change'
                AND period = '\(period)' AND dimension_path = 'directorate=\(directorate)'
                """
            )
            #expect(flagged == "1", "seed \(seed): change of \(directorate) in \(period)")
            // … whose root-cause search ranks the injected combination first …
            let columns = try await LedgerReader(logger: TestDatabase.logger).columns(on: connection)
            let explanation = await ChangeExplanation.explain(
                columns: columns,
                index: PeriodIndex(columns),
                from: period.previous,
                to: period,
                filter: [DimensionValue(.directorate, directorate)],
                materiality: 1_000_000_000
            )
            let first = try #require(explanation.search.ranked.first)
            #expect(first.isRootCause)
            #expect(
                explanation.rootCauseDimensions == [
                    DimensionValue(.directorate, directorate), DimensionValue(.supplier, supplier),
                ],
                "seed \(seed): first \(first.element)"
            )
            // … and the run stored that root cause as a finding of the period.
            let stored = try await connection.value(
                """
                SELECT count(*)::text FROM findings WHERE last_run_id = \(report.runID) AND kind = 'root_cause'
                AND period = '\(period)' AND dimension_path = 'directorate=\(directorate)/supplier=\(supplier)'
                """
            )
            #expect(stored == "1", "seed \(seed)")
        }
    }

    @Test("a second run on unchanged data finds nothing new and keeps review status")
    func secondRunFindsNothingNew() async throws {
        try await Self.withDetectedLedger(seed: 1) { _, _, first, connection in
            #expect(first.newFindings > 0)
            try await connection.query(
                "UPDATE findings SET review_status = 'expected' WHERE id = (SELECT min(id) FROM findings)",
                logger: TestDatabase.logger
            )
            let folder = try TemporaryFolder()
            var configuration = DetectorConfiguration()
            configuration.dashboardDirectory = folder.path
            let second = try await DetectorRunner(configuration: configuration, logger: TestDatabase.logger)
                .run(on: connection)
            // The documents are also written as files, with `latest` pointing at this run's folder.
            #expect(
                try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("latest"))
                    == "run-\(second.runID)"
            )
            let summary =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: folder.file("latest/summary.json")))
                ) as? [String: Any]
            #expect(summary?["schema"] as? String == "finrca.summary/1")
            let stored = try await connection.value(
                "SELECT document->>'schema' FROM dashboard_documents WHERE run_id = \(second.runID) AND name = 'summary'"
            )
            #expect(stored == "finrca.summary/1")
            #expect(second.newFindings == 0)
            #expect(second.updatedFindings == first.newFindings)
            #expect(
                try await connection.value(
                    "SELECT review_status FROM findings WHERE id = (SELECT min(id) FROM findings)"
                ) == "expected"
            )
            #expect(
                try await connection.value("SELECT count(DISTINCT fingerprint)::text FROM findings")
                    == String(first.newFindings)
            )
        }
    }
}
