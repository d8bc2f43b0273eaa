import FinrcaTestSupport
import Foundation
import Ingestor
import PostgresNIO
import Shared
import Testing

@Suite("Slice totals counted by the ingest, against the real PostgreSQL", .needsDatabase)
struct IngestSliceTotalsTests {
    /// Windows-1252 text (the ingest cases' profile), a functional area given as a constant of the mapping.
    static let profile = {
        var profile = IngestCase.windows1252
        profile.constants = ["functional_area": "Fünf"]
        return profile
    }()

    /// Blank and padded members, a file without a currency on one row, two years, text that COPY escapes, bytes
    /// that Windows-1252 transcodes, and one rejected row (its amount must not count).
    static let file: [UInt8] =
        Array(
            """
            posting_period,general_ledger_fiscal_year,company_code_currency_value,debit_credit_ind,directorate,\
            cost_center_id,general_ledger_account,company_code_currency_key,posting_date
            7,2024,100.00,S,Caf\u{E9},CC1,6000,GBP,2024-07-15
            7,2024,40.50,H,  Caf\u{E9}  ,CC1,6000,GBP,2024-07-16
            7,2024,10.00,S,,CC2,6000,,2024-07-17

            """
            .unicodeScalars.map { UInt8($0.value) }
        ) + Array("8,2024,5.25,S,Caf".utf8) + [0xE9, 0x20, 0x80] + Array(",\"a\\b\tc\",6001,GBP,2024-08-01\n".utf8)
        + Array("1,2025,7.00,S,Caf".utf8) + [0xE9] + Array(",CC1,6000,GBP,2025-01-02\n".utf8)
        + Array("7,2024,99.00,X,Caf".utf8) + [0xE9] + Array(",CC1,6000,GBP,2024-07-18\n".utf8)

    @Test("each slice's spend and lines are the stored rows', to the cent, as the ledger's GROUP BY gives them")
    func counted() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("cp1252.csv", Self.file)
        let loader = BatchLoader(configuration: IngestConfiguration(maxRejectShare: 0.5), logger: TestDatabase.logger)
        try await TestDatabase.withFreshDatabase { _, connection in
            let report = try await loader.load(.init(path: path, profile: Self.profile), on: connection)
            #expect(report.status == .loaded)
            #expect(report.rowsLoaded == 5)
            #expect(report.rowsRejected == 1)
            let counted =
                try await connection.rows(
                    """
                    SELECT coalesce(dimension, '-'), currency, fiscal_year::text, period::text, member,
                           amount_cents::text, lines::text
                    FROM ingest_batch_totals WHERE batch_id = \(report.batchID)
                    """
                )
                .map { $0.map { $0 ?? "NULL" }.joined(separator: "|") }.sorted()
            let expected = [
                "-|GBP|2024|7||5950|2", "-||2024|7||1000|1", "-|GBP|2024|8||525|1", "-|GBP|2025|1||700|1",
                "directorate|GBP|2024|7|Café|5950|2", "directorate||2024|7||1000|1",
                "directorate|GBP|2024|8|Café €|525|1", "directorate|GBP|2025|1|Café|700|1",
                "cost_center|GBP|2024|7|CC1|5950|2", "cost_center||2024|7|CC2|1000|1",
                "cost_center|GBP|2024|8|a\\b\tc|525|1", "cost_center|GBP|2025|1|CC1|700|1",
                "gl_account|GBP|2024|7|6000|5950|2", "gl_account||2024|7|6000|1000|1",
                "gl_account|GBP|2024|8|6001|525|1", "gl_account|GBP|2025|1|6000|700|1",
                "functional_area|GBP|2024|7|Fünf|5950|2", "functional_area||2024|7|Fünf|1000|1",
                "functional_area|GBP|2024|8|Fünf|525|1", "functional_area|GBP|2025|1|Fünf|700|1",
            ]
            #expect(counted == expected.sorted())
            // The same figures from the stored rows.
            let ledger = try await IncrementalDetectionTests.ledgerTotals(connection)
            #expect(counted.map { $0.replacingOccurrences(of: "|", with: " ") }.sorted() == ledger)
        }
    }
}
