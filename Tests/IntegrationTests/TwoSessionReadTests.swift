import Detector
import FinrcaTestSupport
import Foundation
import Ingestor
import PostgresNIO
import SampleData
import Shared
import Testing

@Suite("Two sessions on one snapshot read what one session reads", .needsDatabase)
struct TwoSessionReadTests {
    /// Lines added to a generated ledger (IDR, 2022-01 … 2024-12): an IDR supplier spelt with a composed é in
    /// 2022-02 and with a combining accent in 2024-11, a supplier and references first seen in 2024-11, and USD
    /// lines in 2024-11 and 2024-12 only.
    static func lateLines() -> String {
        var text =
            "company_code,company_code_currency_key,general_ledger_fiscal_year,posting_period,"
            + "company_code_currency_value,debit_credit_ind,general_ledger_account,cost_center_id,supplier,reference,"
            + "account_type,posting_date\n"
        text += "1000,IDR,2022,2,1500.00,S,571040,35020,Caf\u{E9} Nusantara,EARLY-1,K,2022-02-14\n"
        for index in 0..<6 {
            text +=
                "1000,IDR,2024,11,\(200 + index).00,S,571040,35020,Cafe\u{301} Nusantara,LATE-\(index),K,2024-11-12\n"
            text += "1000,IDR,2024,11,\(300 + index).00,S,581020,NEW-CC,Zeta Late Supplier,LATE-\(index),S,2024-11-13\n"
            text +=
                "2000,USD,2024,\(11 + index % 2),\(40 + index).50,S,521010,US-1,US Vendor \(index % 3),,,2024-11-20\n"
        }
        return text
    }

    @Test("split anywhere (one half empty included), in a subset of periods, and as the reader splits")
    func twoSessions() async throws {
        let folder = try TemporaryFolder()
        let generated = folder.file("generated.csv")
        _ = try SampleGenerator(configuration: .init(rows: 1_500, seed: 11)).write(csvPath: generated, labelsPath: nil)
        let late = folder.file("late.csv")
        try Self.lateLines().write(toFile: late, atomically: true, encoding: .utf8)
        let loader = BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
        let reader = LedgerReader(logger: TestDatabase.logger)
        try await TestDatabase.withFreshDatabase { database, connection in
            for file in [generated, late] {
                let report = try await loader.load(.init(path: file, profile: .financeExpense), on: connection)
                #expect(report.status == .loaded && report.rowsRejected == 0)
            }
            try await Database.withConnection(database, logger: TestDatabase.logger) { second in
                // halves read in a snapshot of a transaction on `connection`, as the reader reads them
                func halves(at bound: FiscalPeriod, periods: Set<FiscalPeriod>? = nil) async throws
                    -> [String: ColumnsImage]
                {
                    try await connection.transaction(logger: TestDatabase.logger) { connection in
                        _ = try await connection.rows("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                        let columns = try await reader.columnsByCurrency(
                            on: connection,
                            alongside: second,
                            splitAt: bound,
                            periods: periods,
                            totals: []
                        )
                        return .commit(columns.mapValues(ColumnsImage.init))
                    }
                }
                let sequential = try await reader.columnsByCurrency(on: connection).mapValues(ColumnsImage.init)
                #expect(Set(sequential.keys) == ["IDR", "USD"])
                let lines: [Int] = sequential.values.map { $0.rows[0].count }
                #expect(lines.reduce(0, +) == 1_519)
                // before the first period and after the last: one half reads nothing; 2024-11: USD, the late
                // supplier and the second spelling are all first seen in the second half
                let bounds: [FiscalPeriod] = [(2022, 1), (2023, 7), (2024, 11), (2024, 12), (2025, 1)]
                    .map {
                        FiscalPeriod(year: $0.0, period: $0.1)
                    }
                for bound in bounds {
                    let read = try await halves(at: bound)
                    #expect(read == sequential, "split at \(bound)")
                }
                let periods: Set = [
                    FiscalPeriod(year: 2022, period: 2), FiscalPeriod(year: 2024, period: 11),
                    FiscalPeriod(year: 2024, period: 12),
                ]
                let subset = try await reader.columnsByCurrency(on: connection, periods: periods)
                let subsetHalves = try await halves(at: FiscalPeriod(year: 2024, period: 11), periods: periods)
                #expect(subsetHalves == subset.mapValues(ColumnsImage.init))
                // the whole read, split where the slice totals say, reads what one session reads
                var timings: [String: Double] = [:]
                let one = try await reader.read(on: connection, timings: &timings)
                let two = try await reader.read(on: connection, second: second, timings: &timings)
                #expect(one.inputs.map(\.currency) == ["IDR", "USD"])
                #expect(two.inputs.map(\.currency) == one.inputs.map(\.currency))
                #expect(two.inputs.map(\.sliceTotals) == one.inputs.map(\.sliceTotals))
                let (oneColumns, twoColumns) = (
                    one.inputs.map { ColumnsImage($0.columns) }, two.inputs.map { ColumnsImage($0.columns) }
                )
                #expect(twoColumns == oneColumns)
                #expect(twoColumns == [sequential["IDR"], sequential["USD"]])
            }
        }
    }
}
