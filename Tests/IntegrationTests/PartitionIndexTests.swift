import FinrcaTestSupport
import Foundation
import Ingestor
import PostgresNIO
import SampleData
import Shared
import Testing

@Suite("Partition indexes: one BRIN per partition, summarised by the load, migration 9", .needsDatabase)
struct PartitionIndexTests {
    let loader = BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)

    /// Block ranges of `table`'s BRIN index that were not summarised yet (summarising them now).
    static func unsummarisedRanges(_ table: String, on connection: PostgresConnection) async throws -> String? {
        try await connection.value("SELECT brin_summarize_new_values('\(table)_brin'::regclass)::text")
    }

    /// Index names of `table`.
    static func indexes(_ table: String, on connection: PostgresConnection) async throws -> [String?] {
        try await connection.rows("SELECT indexname FROM pg_indexes WHERE tablename = '\(table)' ORDER BY 1")
            .map { $0[0] }
    }

    @Test("a load leaves every partition it wrote to with one BRIN index and no unsummarised range")
    func loadSummarises() async throws {
        let folder = try TemporaryFolder()
        let first = folder.file("a.csv")
        let second = folder.file("b.csv")
        _ = try SampleGenerator(configuration: .init(rows: 20_000, seed: 5)).write(csvPath: first, labelsPath: nil)
        _ = try SampleGenerator(configuration: .init(rows: 20_000, seed: 6)).write(csvPath: second, labelsPath: nil)
        try await TestDatabase.withFreshDatabase { _, connection in
            let tables = [2022, 2023, 2024].map { Schema.partitionName(fiscalYear: $0) }
            // new partitions
            _ = try await loader.load(.init(path: first, profile: .financeExpense), on: connection)
            for table in tables {
                #expect(try await Self.indexes(table, on: connection) == ["\(table)_brin"])
                #expect(try await Self.unsummarisedRanges(table, on: connection) == "0", "\(table)")
            }
            // rows appended to existing partitions: the ranges past the last summarised one
            let pagesBefore = try await connection.value(
                "SELECT (pg_relation_size('finance_expense_y2023') / current_setting('block_size')::int8)::text"
            )
            _ = try await loader.load(.init(path: second, profile: .financeExpense), on: connection)
            let pagesAfter = try await connection.value(
                "SELECT (pg_relation_size('finance_expense_y2023') / current_setting('block_size')::int8)::text"
            )
            let (before, after) = (Int(try #require(pagesBefore)) ?? 0, Int(try #require(pagesAfter)) ?? 0)
            #expect(after > before + 16)
            for table in tables {
                #expect(try await Self.unsummarisedRanges(table, on: connection) == "0", "\(table)")
            }
            // the index answers by batch: the second batch's rows in 2023, through a bitmap scan of the BRIN
            try await connection.query("SET enable_seqscan = off", logger: TestDatabase.logger)
            let plan =
                try await connection.rows(
                    "EXPLAIN SELECT count(*) FROM finance_expense_y2023 WHERE batch_id = 2 AND source_line = 100"
                )
                .compactMap { $0[0] }.joined(separator: "\n")
            #expect(plan.contains("Bitmap Index Scan on finance_expense_y2023_brin"), "\(plan)")
        }
    }

    @Test("migration 9 replaces the original five btrees and the (batch, line) BRIN with the one BRIN index")
    func migrationReplacesIndexes() async throws {
        let server = try TestDatabase.serverConfiguration()
        var database = server
        database.database = "finrca_test_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        try await Database.createDatabase(database.database, on: server, logger: TestDatabase.logger)
        do {
            try await Database.withConnection(database, logger: TestDatabase.logger) { connection in
                try await migrateFromLegacyIndexes(on: connection)
            }
            try await Database.dropDatabase(database.database, on: server, logger: TestDatabase.logger)
        } catch {
            try? await Database.dropDatabase(database.database, on: server, logger: TestDatabase.logger)
            throw error
        }
    }

    private func migrateFromLegacyIndexes(on connection: PostgresConnection) async throws {
        let before = Migrator(migrations: Schema.migrations.filter { $0.version < 9 })
        _ = try await before.migrate(on: connection, logger: TestDatabase.logger)
        let table = "finance_expense_y2024"
        let statements = [
            "CREATE TABLE \(table) PARTITION OF finance_expense FOR VALUES IN (2024)",
            "CREATE INDEX \(table)_functional_area ON \(table) (functional_area)",
            "CREATE INDEX \(table)_cost_center ON \(table) (cost_center_id)",
            "CREATE INDEX \(table)_directorate ON \(table) (directorate)",
            "CREATE INDEX \(table)_period ON \(table) (general_ledger_fiscal_year, posting_period)",
            "CREATE INDEX \(table)_amount ON \(table) (amount)",
            "CREATE INDEX \(table)_batch_line ON \(table) USING brin (batch_id, source_line)",
            """
            INSERT INTO finance_expense (posting_period, company_code_currency_value, debit_credit_ind,
                general_ledger_fiscal_year, batch_id, source_line)
            SELECT 1 + i % 12, i, 'S', 2024, 1, i FROM generate_series(1, 20000) i
            """,
        ]
        for statement in statements {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: TestDatabase.logger)
        }
        #expect(try await Self.indexes(table, on: connection).count == 6)
        let report = try await Migrator().migrate(on: connection, logger: TestDatabase.logger)
        #expect(report.applied.map(\.version).first == 9, "migration 9, then the later ones")
        #expect(try await Self.indexes(table, on: connection) == ["\(table)_brin"])
        #expect(try await Self.unsummarisedRanges(table, on: connection) == "0")
        #expect(try await connection.value("SELECT count(*)::text FROM \(table) WHERE batch_id = 1") == "20000")
    }
}
