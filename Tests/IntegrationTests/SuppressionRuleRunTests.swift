import Detector
import FinrcaTestSupport
import Foundation
import Ingestor
import PostgresNIO
import Server
import Shared
import Testing

/// A review that teaches: a finding marked expected with a rule keeps matching findings out of later runs.
@Suite("Suppression rules across detector runs", .needsDatabase)
struct SuppressionRuleRunTests {
    /// Six months of 50 lines of about GBP 100 on one account; Software House Ltd is paid GBP 12,000.00 in 2024-02
    /// and again in 2024-06 (an annual licence, twice in one fiscal year here).
    static func ledger() -> String {
        var text =
            "general_ledger_fiscal_year,posting_period,company_code_currency_value,debit_credit_ind,"
            + "general_ledger_account,supplier,company_code_currency_key,posting_date\n"
        for period in 1...6 {
            for index in 0..<50 {
                text +=
                    "2024,\(period),\(90 + (index * 37 + period * 11) % 21).00,S,521010,S\(index % 7),GBP,2024-0\(period)-1\(index % 9)\n"
            }
        }
        text += "2024,2,12000.00,S,521010,Software House Ltd,GBP,2024-02-05\n"
        text += "2024,6,12000.00,S,521010,Software House Ltd,GBP,2024-06-05\n"
        return text
    }

    @Test("expected + supplier_amount: the licence's later payment is not reported; removing the rule brings it back")
    func teaches() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("licence.csv")
        try Self.ledger().write(toFile: path, atomically: true, encoding: .utf8)
        try await TestDatabase.withFreshDatabase { _, connection in
            _ = try await BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
                .load(.init(path: path, profile: .financeExpense), on: connection)
            let runner = DetectorRunner(configuration: DetectorConfiguration(), logger: TestDatabase.logger)
            _ = try await runner.run(on: connection, period: FiscalPeriod(year: 2024, period: 5))
            let outlier = "SELECT id::text FROM findings WHERE kind = 'statistical_outlier' AND period ="
            let february = try #require(try await connection.value("\(outlier) '2024-02'").flatMap { Int64($0) })
            let rule = try await ReviewStore(logger: TestDatabase.logger)
                .record(
                    FindingReview(
                        status: .expected,
                        reviewer: "controller",
                        note: "annual licence",
                        rule: .supplierAmount
                    ),
                    onFinding: february,
                    on: connection
                )
            #expect(rule?.dimensions == [DimensionValue(.supplier, "Software House Ltd")])
            #expect(rule?.amount == Money(minorUnits: 1_200_000) && rule?.kind == .statisticalOutlier)

            let taught = try await runner.run(on: connection)
            #expect(try await connection.value("\(outlier) '2024-06'") == nil)
            #expect(taught.suppressed == 2)  // the reviewed finding itself and the June payment
            let summary = try await connection.value(
                "SELECT summary::text FROM detector_runs WHERE id = \(taught.runID)"
            )
            #expect(summary?.contains(#""suppressed_by_rule": {"\#(rule?.id ?? 0)": 2}"#) == true, "\(summary ?? "")")

            let store = SuppressionRuleStore(logger: TestDatabase.logger)
            #expect(try await store.list(on: connection).map(\.rule.id) == [rule?.id ?? 0])
            #expect(try await store.remove(rule?.id ?? 0, by: "controller", on: connection))
            #expect(try await store.list(on: connection).isEmpty)
            #expect(try await store.list(includingRemoved: true, on: connection).count == 1)
            let untaught = try await runner.run(on: connection)
            #expect(untaught.suppressed == 0)
            #expect(try await connection.value("\(outlier) '2024-06'") != nil)
        }
    }

    @Test("a rule needs the status expected, and a finding with what its scope needs")
    func refusals() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("licence.csv")
        try Self.ledger().write(toFile: path, atomically: true, encoding: .utf8)
        try await TestDatabase.withFreshDatabase { _, connection in
            _ = try await BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
                .load(.init(path: path, profile: .financeExpense), on: connection)
            _ = try await DetectorRunner(configuration: DetectorConfiguration(), logger: TestDatabase.logger)
                .run(on: connection)
            let store = ReviewStore(logger: TestDatabase.logger)
            let anyFinding = try #require(
                try await connection.value("SELECT min(id)::text FROM findings").flatMap { Int64($0) }
            )
            await #expect(throws: ReviewStore.ReviewError.ruleNeedsExpected) {
                try await store.record(
                    FindingReview(status: .confirmed, reviewer: "c", rule: .pattern),
                    onFinding: anyFinding,
                    on: connection
                )
            }
            if let change =
                try await connection.value(
                    "SELECT min(id)::text FROM findings WHERE kind = 'incomplete_period' OR dimensions = '[]'::jsonb"
                )
                .flatMap({ Int64($0) })
            {
                await #expect(throws: ReviewStore.ReviewError.self) {
                    try await store.record(
                        FindingReview(status: .expected, reviewer: "c", rule: .supplierAmount),
                        onFinding: change,
                        on: connection
                    )
                }
                #expect(try await connection.value("SELECT review_status FROM findings WHERE id = \(change)") == "open")
            }
        }
    }
}
