import FinrcaTestSupport
import Foundation
import Ingestor
import PostgresNIO
import Shared
import Testing

/// The shipped mapping files load real council extracts nobody here wrote. The data lives in ../shared/data
/// (not in the repository); without it these tests are skipped and say so.
@Suite(
    "UK council spend extracts through config/mappings",
    .needsDatabase,
    .enabled(if: UKCouncilData.available, "../shared/data is absent")
)
struct UKCouncilMappingTests {
    @Test("Newcastle: 402,049 rows read, every reject explained")
    func newcastle() async throws {
        let result = try await UKCouncilData.load("uk_council_spend_newcastle", profile: "newcastle")
        #expect(result.files == 68)
        #expect(result.rowsRead == 402_049)  // SOURCE.md: 402,049 rows
        #expect(result.rowsLoaded == 402_047)
        // The two rows the source really has wrong, and nothing else:
        #expect(
            result.rejects == [
                UKCouncilData.Reject(
                    file: "2017-04.csv",
                    line: 3389,
                    column: nil,
                    reason: "has 2 fields, the header has 10"
                ),
                UKCouncilData.Reject(
                    file: "2021-07.csv",
                    line: 5963,
                    column: "Total (excludes VAT)",
                    reason: "amount is in scientific notation; export it as a plain number"
                ),
            ]
        )
        #expect(result.yearsStored == [2016, 2017, 2018, 2019, 2020, 2021, 2022])
    }

    @Test("Darlington: 121,885 rows, no rejects, despite unnamed and trailing columns")
    func darlington() async throws {
        let result = try await UKCouncilData.load("uk_council_spend_darlington", profile: "darlington")
        #expect(result.files == 66)
        #expect(result.rowsRead == 121_885)  // SOURCE.md: 121,885 rows
        #expect(result.rowsLoaded == 121_885)
        #expect(result.rejects.isEmpty)
    }
}

enum UKCouncilData {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/data").standardized.path
    static var available: Bool { FileManager.default.fileExists(atPath: root + "/uk_council_spend_newcastle/clean") }
    static let mappings = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../config/mappings").standardized.path

    struct Reject: Equatable, CustomStringConvertible {
        var file: String
        var line: Int
        var column: String?
        var reason: String
        var description: String { "\(file):\(line) \(column ?? "-"): \(reason)" }
    }

    struct Result {
        var files = 0
        var rowsRead = 0
        var rowsLoaded = 0
        var rejects: [Reject] = []
        var yearsStored: [Int] = []
    }

    /// Unzips every monthly file of `dataset` into a temporary folder and loads them all with `profile`.
    static func load(_ dataset: String, profile: String) async throws -> Result {
        let folder = try TemporaryFolder()
        let source = root + "/" + dataset + "/clean"
        let names = try FileManager.default.contentsOfDirectory(atPath: source).filter { $0.hasSuffix(".csv.gz") }
            .sorted()
        for name in names {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [
                "-c", "gzip -dc \"$0\" > \"$1\"", source + "/" + name, folder.file(String(name.dropLast(3))),
            ]
            try process.run()
            try await process.waitForExit()
            #expect(process.terminationStatus == 0, "gzip failed for \(name)")
        }
        let mapping = try MappingProfile.load(nameOrPath: profile, directory: mappings)
        return try await TestDatabase.withFreshDatabase { _, connection in
            let loader = BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
            var result = Result()
            for name in names {
                let report = try await loader.load(
                    .init(path: folder.file(String(name.dropLast(3))), profile: mapping),
                    on: connection
                )
                #expect(report.status == .loaded, "\(name): \(report.message ?? "")")
                result.files += 1
                result.rowsRead += report.rowsRead
                result.rowsLoaded += report.rowsLoaded
            }
            for row in try await connection.rows(
                """
                SELECT b.file_name, r.line::text, r.column_name, r.reason FROM ingest_rejects r
                JOIN ingest_batches b ON b.id = r.batch_id ORDER BY b.id, r.line
                """
            ) {
                result.rejects.append(Reject(file: row[0]!, line: Int(row[1]!)!, column: row[2], reason: row[3]!))
            }
            result.yearsStored =
                try await connection.rows(
                    "SELECT DISTINCT general_ledger_fiscal_year::text FROM finance_expense ORDER BY 1"
                )
                .compactMap { $0[0].flatMap { Int($0) } }
            #expect(
                try await connection.value("SELECT count(*)::text FROM finance_expense") == String(result.rowsLoaded)
            )
            return result
        }
    }
}
