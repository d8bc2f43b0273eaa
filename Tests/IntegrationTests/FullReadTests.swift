import Detector
import FinrcaTestSupport
import Foundation
import Ingestor
import PostgresNIO
import SampleData
import Shared
import Testing

@Suite(
    "A full read of an analysed ledger: a batch the ingest did not count summarised, lines read into reserved columns",
    .needsDatabase
)
struct FullReadTests {
    @Test("summarising leaves the session's settings as they were; totals and lines are the ledger's")
    func fullRead() async throws {
        let folder = try TemporaryFolder()
        let file = folder.file("ledger.csv")
        _ = try SampleGenerator(configuration: .init(rows: 3_000, seed: 5)).write(csvPath: file, labelsPath: nil)
        let loader = BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
        let reader = LedgerReader(logger: TestDatabase.logger)
        try await TestDatabase.withFreshDatabase { _, connection in
            let report = try await loader.load(.init(path: file, profile: .financeExpense), on: connection)
            #expect(report.status == .loaded)
            // as a batch loaded before the ingest counted its slices (migration 11): the detector summarises its lines
            _ = try await connection.rows("DELETE FROM ingest_batch_totals WHERE batch_id = \(report.batchID)")
            // the planner estimates from statistics, as on a ledger autovacuum has analysed
            _ = try await connection.rows("ANALYZE finance_expense")
            let before = try await connection.value("SHOW hash_mem_multiplier")
            var timings: [String: Double] = [:]
            let read = try await reader.read(on: connection, timings: &timings)
            #expect(try await connection.value("SHOW hash_mem_multiplier") == before)
            #expect(before == "2")
            #expect(
                try await IncrementalDetectionTests.summaryTotals(connection)
                    == IncrementalDetectionTests.ledgerTotals(connection)
            )
            let slices = try await connection.value("SELECT count(*)::text FROM detector_batch_totals")
            #expect(slices == "3500")
            let inputs = try #require(read.inputs.count == 1 ? read.inputs.first : nil)
            #expect(inputs.columns.count == 3_000)
            #expect(LedgerReader.lines(in: inputs.sliceTotals, periods: nil).values.reduce(0, +) == 3_000)
            // the columns read into reserved arrays are those read without a reservation
            let unreserved = try #require(try await reader.columnsByCurrency(on: connection).values.first)
            #expect(inputs.columns.amount == unreserved.amount)
            #expect(inputs.columns.batchID == unreserved.batchID)
            #expect(inputs.columns.sourceLine == unreserved.sourceLine)
            #expect(inputs.columns.dimensionCodes == unreserved.dimensionCodes)
            #expect(inputs.columns.reference == unreserved.reference)
            #expect(inputs.columns.amount.capacity < unreserved.amount.capacity)
        }
    }
}
