import FinrcaTestSupport
import Detector
import Foundation
import Ingestor
import PostgresNIO
import SampleData
import Shared
import Testing

@Suite("Alert outbox written in the detector run's transaction", .needsDatabase)
struct AlertOutboxTests {
    @Test("new findings queue one alert per immediate route and one digest per run; an unchanged rerun queues none")
    func outbox() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("gl.csv")
        _ = try SampleGenerator(configuration: .init(rows: 20_000, seed: 9)).write(csvPath: path, labelsPath: nil)
        let routes = [
            AlertRoute(
                name: "controllers",
                match: .init(minSeverity: "high"),
                channel: .email,
                to: ["c@example.org"],
                mode: .immediate
            ),
            AlertRoute(
                name: "audit",
                match: .init(kinds: ["duplicate_payment"]),
                channel: .webhook,
                url: "http://127.0.0.1:9/h",
                mode: .digest
            ),
        ]
        try await TestDatabase.withFreshDatabase { _, connection in
            _ = try await BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
                .load(.init(path: path, profile: .financeExpense), on: connection)
            let runner = DetectorRunner(
                configuration: DetectorConfiguration(),
                routes: routes,
                logger: TestDatabase.logger
            )
            let first = try await runner.run(on: connection)
            let highOrCritical =
                Int(
                    try await connection.value(
                        "SELECT count(*)::text FROM findings WHERE severity IN ('high', 'critical')"
                    ) ?? ""
                ) ?? -1
            let duplicates =
                Int(
                    try await connection.value("SELECT count(*)::text FROM findings WHERE kind = 'duplicate_payment'")
                        ?? ""
                ) ?? -1
            #expect(highOrCritical > 0)
            #expect(duplicates > 0)
            #expect(first.alertsQueued == highOrCritical + 1)
            #expect(
                try await connection.value("SELECT count(*)::text FROM alerts WHERE route = 'controllers'")
                    == String(highOrCritical)
            )
            let digest = try await connection.rows(
                "SELECT cardinality(finding_ids)::text, state FROM alerts WHERE route = 'audit'"
            )
            #expect(digest == [[String(duplicates), "pending"]])
            // Every alert points at stored findings of the run.
            #expect(
                try await connection.value(
                    "SELECT count(*)::text FROM alerts a, unnest(a.finding_ids) f LEFT JOIN findings x ON x.id = f WHERE x.id IS NULL"
                ) == "0"
            )

            let second = try await runner.run(on: connection)
            #expect(second.newFindings == 0)
            #expect(second.alertsQueued == 0)
            #expect(try await connection.value("SELECT count(*)::text FROM alerts") == String(highOrCritical + 1))
        }
    }
}
