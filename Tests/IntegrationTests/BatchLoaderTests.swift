import FinrcaTestSupport
import Foundation
import Ingestor
import PostgresNIO
import SampleData
import Shared
import Testing

@Suite(
    "Batch loads against the real PostgreSQL: totals, partitions, idempotency, replace, reject threshold",
    .needsDatabase
)
struct BatchLoaderTests {
    let loader = BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)

    @Test("stored totals per fiscal year equal an independent sum of the CSV, to the cent")
    func totalsMatchIndependentSum() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("gl.csv")
        let labels = try SampleGenerator(configuration: .init(rows: 20_000, seed: 7))
            .write(csvPath: path, labelsPath: nil)
        let independent = try IndependentCSVSum.signedTotalsByYear(path: path)
        #expect(independent.keys.sorted() == ["2022", "2023", "2024"])
        #expect(independent.mapValues { Money(minorUnits: $0) } == labels.totalsByFiscalYear)

        try await TestDatabase.withFreshDatabase { _, connection in
            let report = try await loader.load(.init(path: path, profile: .financeExpense), on: connection)
            #expect(report.status == .loaded)
            #expect(report.rowsLoaded == 20_000)
            let stored = try await connection.rows(
                "SELECT general_ledger_fiscal_year::text, sum(amount)::text, count(*)::text FROM finance_expense GROUP BY 1 ORDER BY 1"
            )
            for row in stored {
                let year = try #require(row[0])
                #expect(
                    Money(decimalText: try #require(row[1]))?.minorUnits == independent[year],
                    "fiscal year \(year)"
                )
                #expect(Int(try #require(row[2])) == labels.rowCountByFiscalYear[year])
            }
            #expect(stored.count == 3)
        }
    }

    @Test("a load that brings a new fiscal year creates and indexes its partition")
    func partitionsOnDemand() async throws {
        let folder = try TemporaryFolder()
        let header = IngestCase.header
        let first = try folder.write("a.csv", header + "1,2023,10,S,A,2023-01-02\n12,2024,20,S,B,2024-12-02\n")
        let second = try folder.write("b.csv", header + "3,2025,5,H,C,2025-03-02\n1,2023,1,S,D,2023-01-03\n")
        try await TestDatabase.withFreshDatabase { _, connection in
            func partitions() async throws -> [String] {
                try await connection.rows(
                    """
                    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = 'finance_expense'::regclass ORDER BY 1
                    """
                )
                .compactMap { $0[0] }
            }
            #expect(try await partitions().isEmpty)
            _ = try await loader.load(.init(path: first, profile: .financeExpense), on: connection)
            #expect(try await partitions() == ["finance_expense_y2023", "finance_expense_y2024"])
            _ = try await loader.load(.init(path: second, profile: .financeExpense), on: connection)
            #expect(
                try await partitions() == ["finance_expense_y2023", "finance_expense_y2024", "finance_expense_y2025"]
            )
            let indexes = try await connection.value(
                "SELECT count(*)::text FROM pg_indexes WHERE tablename = 'finance_expense_y2025'"
            )
            #expect(indexes == String(Schema.partitionIndexes(fiscalYear: 2025).count))

            // A partition without its index (dropped, or made by an older version) gets it from the next load.
            try await connection.query("DROP INDEX finance_expense_y2023_brin", logger: TestDatabase.logger)
            let third = try folder.write("c.csv", IngestCase.header + "4,2024,7,S,E,2024-04-02\n")
            _ = try await loader.load(.init(path: third, profile: .financeExpense), on: connection)
            let restored = try await connection.value(
                "SELECT count(*)::text FROM pg_indexes WHERE indexname = 'finance_expense_y2023_brin'"
            )
            #expect(restored == "1")
            let rows = try await connection.rows(
                "SELECT tableoid::regclass::text, amount::text FROM finance_expense ORDER BY batch_id, source_line"
            )
            #expect(
                rows == [
                    ["finance_expense_y2023", "10.00"], ["finance_expense_y2024", "20.00"],
                    ["finance_expense_y2025", "-5.00"], ["finance_expense_y2023", "1.00"],
                    ["finance_expense_y2024", "7.00"],
                ]
            )
        }
    }

    @Test("loading the same bytes again is a no-op that says so, whatever the file is called")
    func idempotentReingest() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("gl.csv")
        _ = try SampleGenerator(configuration: .init(rows: 2_000, seed: 3)).write(csvPath: path, labelsPath: nil)
        let copy = folder.file("renamed.csv")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try await TestDatabase.withFreshDatabase { _, connection in
            let first = try await loader.load(.init(path: path, profile: .financeExpense), on: connection)
            #expect(first.status == .loaded)
            let again = try await loader.load(.init(path: path, profile: .financeExpense), on: connection)
            #expect(again.status == .duplicate)
            #expect(again.duplicateOf == first.batchID)
            #expect(again.message?.contains("already loaded as batch \(first.batchID)") == true)
            let renamed = try await loader.load(.init(path: copy, profile: .financeExpense), on: connection)
            #expect(renamed.status == .duplicate)
            #expect(try await connection.value("SELECT count(*)::text FROM finance_expense") == "2000")
            let statuses = try await connection.rows("SELECT status FROM ingest_batches ORDER BY id")
                .compactMap { $0[0] }
            #expect(statuses == ["loaded", "duplicate", "duplicate"])
        }
    }

    @Test("--replace swaps a corrected file for the batch of the same name, in one transaction")
    func replace() async throws {
        let folder = try TemporaryFolder()
        let header = IngestCase.header
        let original = try folder.write("march.csv", header + "3,2024,100,S,A,2024-03-01\n3,2024,50,S,B,2024-03-02\n")
        try await TestDatabase.withFreshDatabase { _, connection in
            let first = try await loader.load(.init(path: original, profile: .financeExpense), on: connection)
            try folder.write(
                "march.csv",
                header + "3,2024,100,S,A,2024-03-01\n3,2024,75,H,B,2024-03-02\n3,2024,1,S,C,2024-03-03\n"
            )
            let second = try await loader.load(
                .init(path: original, profile: .financeExpense, replace: true),
                on: connection
            )
            #expect(second.status == .loaded)
            #expect(second.replaced == first.batchID)
            let rows = try await connection.rows(
                "SELECT batch_id::text, supplier, amount::text FROM finance_expense ORDER BY source_line"
            )
            #expect(
                rows == [
                    [String(second.batchID), "A", "100.00"], [String(second.batchID), "B", "-75.00"],
                    [String(second.batchID), "C", "1.00"],
                ]
            )
            let statuses = try await connection.rows("SELECT id::text, status FROM ingest_batches ORDER BY id")
            #expect(statuses == [[String(first.batchID), "replaced"], [String(second.batchID), "loaded"]])
        }
    }

    @Test("more rejected rows than the allowed share: nothing loaded, rejects kept; below it: rows loaded")
    func rejectThreshold() async throws {
        let folder = try TemporaryFolder()
        var text = IngestCase.header
        for index in 0..<98 { text += "5,2024,\(index + 1).00,S,Supplier \(index),2024-05-10\n" }
        text += "5,2024,oops,S,Bad one,2024-05-10\n5,2024,1.00,Q,Bad two,2024-05-10\n"
        let path = try folder.write("may.csv", text)
        try await TestDatabase.withFreshDatabase { _, connection in
            let strict = try await loader.load(.init(path: path, profile: .financeExpense), on: connection)
            #expect(strict.status == .rejected)
            #expect(strict.rowsRead == 100)
            #expect(strict.rowsRejected == 2)
            #expect(strict.message?.contains("2 of 100 rows (2.00 %) were rejected") == true)
            #expect(try await connection.value("SELECT count(*)::text FROM finance_expense") == "0")
            let rejects = try await connection.rows(
                "SELECT line::text, column_name FROM ingest_rejects WHERE batch_id = \(strict.batchID) ORDER BY line"
            )
            #expect(rejects == [["100", "company_code_currency_value"], ["101", "debit_credit_ind"]])

            let lenient = BatchLoader(
                configuration: IngestConfiguration(maxRejectShare: 0.05),
                logger: TestDatabase.logger
            )
            let loaded = try await lenient.load(.init(path: path, profile: .financeExpense), on: connection)
            #expect(loaded.status == .loaded)
            #expect(loaded.rowsLoaded == 98)
            #expect(try await connection.value("SELECT sum(amount)::text FROM finance_expense") == "4851.00")
            #expect(
                try await connection.value(
                    "SELECT count(*)::text FROM ingest_rejects WHERE batch_id = \(loaded.batchID)"
                ) == "2"
            )
        }
    }
}

/// Sums a generated CSV's signed amounts per fiscal year with Foundation string handling — deliberately
/// sharing no code with the ingestor — so the database's totals are checked against an independent reading.
enum IndependentCSVSum {
    static func signedTotalsByYear(path: String) throws -> [String: Int64] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).makeIterator()
        let headerLine = lines.next()
        let header = try #require(headerLine).split(separator: ",").map(String.init)
        let valueIndex = try #require(header.firstIndex(of: "company_code_currency_value"))
        let indicatorIndex = try #require(header.firstIndex(of: "debit_credit_ind"))
        let yearIndex = try #require(header.firstIndex(of: "general_ledger_fiscal_year"))
        var totals: [String: Int64] = [:]
        while let line = lines.next() {
            let fields = splitQuoted(String(line))
            let parts = fields[valueIndex].split(separator: ".", omittingEmptySubsequences: false)
            let cents =
                Int64(parts[0])! * 100
                + (parts.count > 1 ? Int64(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0))! : 0)
            totals[fields[yearIndex], default: 0] += fields[indicatorIndex] == "H" ? -cents : cents
        }
        return totals
    }

    private static func splitQuoted(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var previousWasQuote = false
        for character in line {
            if character == "\"" {
                if !inQuotes, previousWasQuote { current.append("\"") }
                inQuotes.toggle()
                previousWasQuote = true
                continue
            }
            previousWasQuote = false
            if character == ",", !inQuotes {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
