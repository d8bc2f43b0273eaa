import Detector
import FinrcaTestSupport
import Foundation
import Ingestor
import PostgresNIO
import SampleData
import Shared
import Testing

@Suite("Incremental detection: a ledger loaded in six batches, one replacing an earlier one", .needsDatabase)
struct IncrementalDetectionTests {
    /// The six loads: (file, replace). A three-year generated ledger (12,000 lines, seed 31) cut by period into
    /// 2022-01…08, 2022-09…2023-04, 2023-05…12 without every seventh line, 2024-01…06, the 2023-05…12 file again with
    /// every line (`--replace`, same name in another folder), 2024-07…12.
    static func loads(in folder: TemporaryFolder) throws -> [(file: String, replace: Bool)] {
        let whole = folder.file("whole.csv")
        let count = 12_000
        _ = try SampleGenerator(configuration: .init(rows: count, seed: 31)).write(csvPath: whole, labelsPath: nil)
        let lines = try String(contentsOfFile: whole, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines[0]
        // Data row i is in period ⌊36·i/N⌋: the first row of period k is ⌈k·N/36⌉.
        func inPeriods(_ periods: Range<Int>) -> [Substring] {
            Array(lines[(1 + (periods.lowerBound * count + 35) / 36)..<(1 + (periods.upperBound * count + 35) / 36)])
        }
        func write(_ name: String, _ body: [Substring]) throws -> String {
            let path = folder.file(name)
            try ([header] + body).joined(separator: "\n").appending("\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        try FileManager.default.createDirectory(atPath: folder.file("again"), withIntermediateDirectories: true)
        let third = inPeriods(16..<24)
        return [
            (try write("a.csv", inPeriods(0..<8)), false),
            (try write("b.csv", inPeriods(8..<16)), false),
            (try write("c.csv", third.enumerated().filter { $0.offset % 7 != 3 }.map(\.element)), false),
            (try write("d.csv", inPeriods(24..<30)), false),
            (try write("again/c.csv", third), true),
            (try write("e.csv", inPeriods(30..<36)), false),
        ]
    }

    /// The findings of the latest run: (kind, fingerprint, period, evidence).
    static func current(_ connection: PostgresConnection) async throws -> [[String?]] {
        try await connection.rows(
            """
            SELECT kind, fingerprint, period, evidence::text FROM findings
            WHERE last_run_id = (SELECT max(id) FROM detector_runs) ORDER BY kind, fingerprint
            """
        )
    }

    /// Spend and lines per (currency, period, slice) summed by PostgreSQL straight from the ledger.
    static func ledgerTotals(_ connection: PostgresConnection) async throws -> [String] {
        var totals: [String] = []
        for dimension in [nil] + LedgerDimension.slices {
            let member = dimension.map { "coalesce(\($0.quotedColumn), '')" } ?? "''"
            totals +=
                try await connection.rows(
                    """
                    SELECT coalesce(company_code_currency_key, ''), general_ledger_fiscal_year::text,
                           posting_period::text, \(member), (sum(amount) * 100)::int8::text, count(*)::text
                    FROM finance_expense GROUP BY 1, 2, 3, 4
                    """
                )
                .map { "\(dimension?.rawValue ?? "-") \($0.map { $0 ?? "" }.joined(separator: " "))" }
        }
        return totals.sorted()
    }

    /// The same figures from the detector's per-batch totals of the loaded batches.
    static func summaryTotals(_ connection: PostgresConnection) async throws -> [String] {
        try await connection.rows(
            """
            SELECT coalesce(t.dimension, '-'), t.currency, t.fiscal_year::text, t.period::text, t.member,
                   sum(t.amount_cents)::text, sum(t.lines)::text
            FROM detector_batch_totals t JOIN ingest_batches b ON b.id = t.batch_id AND b.status = 'loaded'
            GROUP BY 1, 2, 3, 4, 5
            """
        )
        .map { $0.map { $0 ?? "" }.joined(separator: " ") }.sorted()
    }

    @Test("incremental runs after each load against one full run: the same slice totals; findings compared by kind")
    func incrementalAgainstFull() async throws {
        let folder = try TemporaryFolder()
        let loads = try Self.loads(in: folder)
        let now = Date(timeIntervalSince1970: 1_733_000_000)
        let loader = BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
        let runner = DetectorRunner(configuration: DetectorConfiguration(), logger: TestDatabase.logger)

        let (incremental, stale, modes) = try await TestDatabase.withFreshDatabase { _, connection in
            var modes: [String] = []
            for load in loads {
                let report = try await loader.load(
                    .init(path: load.file, profile: .financeExpense, replace: load.replace),
                    on: connection
                )
                #expect(report.status == .loaded)
                let run = try await runner.run(on: connection, now: now, incremental: true)
                modes.append(run.mode)
                // the per-batch totals of the loaded batches are the ledger's slice totals, to the cent
                let summary = try await Self.summaryTotals(connection)
                let ledger = try await Self.ledgerTotals(connection)
                #expect(summary.count > 1000)
                #expect(summary == ledger)
            }
            // no current finding points at the replaced batch's lines (they are gone)
            let stale = try await connection.value(
                """
                SELECT count(*)::text FROM findings f
                WHERE f.last_run_id = (SELECT max(id) FROM detector_runs)
                  AND EXISTS (SELECT 1 FROM jsonb_array_elements(f.evidence) AS line
                              JOIN ingest_batches b ON b.id = (line ->> 'batch_id')::int8 AND b.status = 'replaced')
                """
            )
            return (try await Self.current(connection), stale, modes)
        }
        let full = try await TestDatabase.withFreshDatabase { _, connection in
            for load in loads {
                _ = try await loader.load(
                    .init(path: load.file, profile: .financeExpense, replace: load.replace),
                    on: connection
                )
            }
            _ = try await runner.run(on: connection, now: now)
            return try await Self.current(connection)
        }
        #expect(modes == ["full", "incremental", "incremental", "incremental", "incremental", "incremental"])
        #expect(stale == "0")

        var report: [String] = []
        var kinds = Set(incremental.compactMap { $0[0] }).union(full.compactMap { $0[0] }).sorted()
        kinds.removeAll { $0.isEmpty }
        for kind in kinds {
            let mine = Set(incremental.filter { $0[0] == kind }.compactMap { $0[1] })
            let theirs = Set(full.filter { $0[0] == kind }.compactMap { $0[1] })
            report.append(
                "\(kind): full \(theirs.count), incremental \(mine.count), both \(mine.intersection(theirs).count)"
            )
        }
        print("incremental vs full findings (fingerprints):\n  " + report.joined(separator: "\n  "))
    }
}
