import Detector
import FinrcaTestSupport
import Foundation
import Ingestor
import Logging
import PostgresNIO
import SampleData
import Server
import Shared
import Testing

/// The chat answers the question asked: 30 questions over the demo ledger (`finrca generate`, 200,000 rows,
/// seed 42, loaded and detected), each answer's figures checked against SQL written here over
/// `finance_expense` and `findings`, exactly.
@Suite("Chat answers questions over the demo ledger with the figures SQL computes", .needsDatabase)
struct ChatLedgerTests {
    /// How an answer is checked.
    enum Check: Sendable {
        /// First fact = the amount and second = the lines of `sql` (`SELECT amount, lines`).
        case total(String)
        /// Facts = the rows of `sql` (`SELECT member, amount`), in order; each label names its member.
        case ranking(String)
        /// Facts = earlier amount, later amount, difference (and percent) of the two sums.
        case change(earlier: String, later: String)
        /// Facts = the part, the whole and the ratio.
        case share(part: String, whole: String)
        /// First fact = the number of findings matching `condition`; evidence amounts = their lines'.
        case findings(String)
        /// Says it cannot answer and suggests three questions it can.
        case cannotAnswer
    }

    static func sum(_ condition: String) -> String {
        "SELECT coalesce(sum(amount), 0.00) FROM finance_expense WHERE \(condition)"
    }

    static func ranking(_ column: String, _ condition: String, limit: Int, ascending: Bool = false) -> String {
        """
        SELECT \(column), sum(amount)::text FROM finance_expense WHERE \(condition) AND \(column) IS NOT NULL AND \(column) <> ''
        GROUP BY \(column) ORDER BY sum(amount) \(ascending ? "ASC" : "DESC"), \(column) LIMIT \(limit)
        """
    }

    static let finance = "directorate = 'Directorate of Finance'"
    static let march = "general_ledger_fiscal_year = 2024 AND posting_period = 3"

    /// The table: question, language, check.
    static let table: [(String, ChatLanguage, Check)] = [
        ("What was the total spend of Directorate of Finance in 2024-03?", .english, .total("\(finance) AND \(march)")),
        (
            "Which supplier had the largest spend in 2024-01?", .english,
            .ranking(ranking("supplier", "general_ledger_fiscal_year = 2024 AND posting_period = 1", limit: 1))
        ),
        (
            "Berapa total pengeluaran Directorate of Finance pada maret 2024?", .indonesian,
            .total("\(finance) AND \(march)")
        ),
        (
            "what was the total spend of directorate of finace in march 2024", .english,
            .total("\(finance) AND \(march)")
        ),
        (
            "Total spend of Directorate of Human Capital in fiscal year 2023", .english,
            .total("directorate = 'Directorate of Human Capital' AND general_ledger_fiscal_year = 2023")
        ),
        (
            "How much did cost centre 35780 spend in Q2 2024?", .english,
            .total("cost_center_id = '35780' AND general_ledger_fiscal_year = 2024 AND posting_period BETWEEN 4 AND 6")
        ),
        (
            "Total spend on audit fees in 2024", .english,
            .total("general_ledger_account_name = 'Audit Fees' AND general_ledger_fiscal_year = 2024")
        ),
        (
            "Berapa pengeluaran pemasok CV Sukses Berkah pada tahun 2024?", .indonesian,
            .total("supplier = 'CV Sukses Berkah' AND general_ledger_fiscal_year = 2024")
        ),
        (
            "Total spend of Directorate of Operations in 2019-03", .english,
            .total(
                "directorate = 'Directorate of Operations' AND general_ledger_fiscal_year = 2019 AND posting_period = 3"
            )
        ),
        ("Top 5 suppliers in 2024-03", .english, .ranking(ranking("supplier", march, limit: 5))),
        (
            "5 pemasok terbesar pada kuartal pertama 2024", .indonesian,
            .ranking(
                ranking("supplier", "general_ledger_fiscal_year = 2024 AND posting_period BETWEEN 1 AND 3", limit: 5)
            )
        ),
        (
            "Which cost centre of Directorate of Commerce had the largest spend in 2024-06?", .english,
            .ranking(
                ranking(
                    "cost_center_id",
                    "directorate = 'Directorate of Commerce' AND general_ledger_fiscal_year = 2024 AND posting_period = 6",
                    limit: 1
                )
            )
        ),
        (
            "Top 3 GL accounts in FY2023", .english,
            .ranking(ranking("general_ledger_account", "general_ledger_fiscal_year = 2023", limit: 3))
        ),
        (
            "Spend by directorate in 2024-Q2", .english,
            .ranking(
                ranking(
                    "directorate",
                    "general_ledger_fiscal_year = 2024 AND posting_period BETWEEN 4 AND 6",
                    limit: 10
                )
            )
        ),
        (
            "Which directorate had the smallest spend in 2024?", .english,
            .ranking(ranking("directorate", "general_ledger_fiscal_year = 2024", limit: 1, ascending: true))
        ),
        (
            "Direktorat mana dengan pengeluaran terbesar pada Desember 2023?", .indonesian,
            .ranking(ranking("directorate", "general_ledger_fiscal_year = 2023 AND posting_period = 12", limit: 1))
        ),
        (
            "How did spend of Directorate of Finance change between 2024-02 and 2024-03?", .english,
            .change(
                earlier: sum("\(finance) AND general_ledger_fiscal_year = 2024 AND posting_period = 2"),
                later: sum("\(finance) AND \(march)")
            )
        ),
        (
            "Compare spend in 2024-05 with 2024-04", .english,
            .change(
                earlier: sum("general_ledger_fiscal_year = 2024 AND posting_period = 4"),
                later: sum("general_ledger_fiscal_year = 2024 AND posting_period = 5")
            )
        ),
        (
            "Bandingkan pengeluaran Directorate of Commerce tahun 2023 dan tahun 2024", .indonesian,
            .change(
                earlier: sum("directorate = 'Directorate of Commerce' AND general_ledger_fiscal_year = 2023"),
                later: sum("directorate = 'Directorate of Commerce' AND general_ledger_fiscal_year = 2024")
            )
        ),
        (
            "How did spend of supplier PT Maju Lestari, Tbk change in 2024-06?", .english,
            .change(
                earlier: sum(
                    "supplier = 'PT Maju Lestari, Tbk' AND general_ledger_fiscal_year = 2024 AND posting_period = 5"
                ),
                later: sum(
                    "supplier = 'PT Maju Lestari, Tbk' AND general_ledger_fiscal_year = 2024 AND posting_period = 6"
                )
            )
        ),
        (
            "What share of the spend of Directorate of Commerce went to PT Persada Bersama in 2024?", .english,
            .share(
                part: sum(
                    "directorate = 'Directorate of Commerce' AND supplier = 'PT Persada Bersama' AND general_ledger_fiscal_year = 2024"
                ),
                whole: sum("directorate = 'Directorate of Commerce' AND general_ledger_fiscal_year = 2024")
            )
        ),
        (
            "What percentage of total spend in 2024-03 was Directorate of Finance?", .english,
            .share(part: sum("\(finance) AND \(march)"), whole: sum(march))
        ),
        (
            "Berapa porsi Directorate of Risk & Compliance dari total pengeluaran pada kuartal 1 2024?", .indonesian,
            .share(
                part: sum(
                    "directorate = 'Directorate of Risk & Compliance' AND general_ledger_fiscal_year = 2024 AND posting_period BETWEEN 1 AND 3"
                ),
                whole: sum("general_ledger_fiscal_year = 2024 AND posting_period BETWEEN 1 AND 3")
            )
        ),
        ("Show the duplicate payment findings with their lines", .english, .findings("kind = 'duplicate_payment'")),
        ("Tampilkan temuan posting akhir pekan beserta barisnya", .indonesian, .findings("kind = 'weekend_posting'")),
        (
            "List the month over month findings for Directorate of Human Capital", .english,
            .findings(
                "kind = 'mom_change' AND dimensions @> '[{\"dimension\": \"directorate\", \"value\": \"Directorate of Human Capital\"}]'"
            )
        ),
        ("Which payments were just below an approval limit?", .english, .findings("kind = 'below_approval_limit'")),
        ("What was the total spend of Directorate of Magic in 2024-03?", .english, .cannotAnswer),
        ("What is the weather in Jakarta tomorrow?", .english, .cannotAnswer),
        ("Siapa presiden Indonesia sekarang?", .indonesian, .cannotAnswer),
    ]

    @Test("30 questions: totals, top N, changes, shares, findings with lines, unanswerable ones; figures equal SQL's")
    func table() async throws {
        let folder = try TemporaryFolder()
        let path = folder.file("gl.csv")
        _ = try SampleGenerator(configuration: .init(rows: 200_000, seed: 42)).write(csvPath: path, labelsPath: nil)
        try await TestDatabase.withFreshDatabase { database, connection in
            _ = try await BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
                .load(.init(path: path, profile: .financeExpense), on: connection)
            _ = try await DetectorRunner(configuration: DetectorConfiguration(), logger: TestDatabase.logger)
                .run(on: connection)
            let client = PostgresClient(
                configuration: try Database.clientConfiguration(database),
                backgroundLogger: TestDatabase.logger
            )
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                let store = DocumentStore()
                _ = try await DocumentLoader(client: client, store: store, logger: TestDatabase.logger).refresh()
                let snapshot = try #require(store.current)
                let responder = ChatResponder(client: client, logger: TestDatabase.logger)
                var passed = 0
                for (question, language, check) in Self.table {
                    let answer = try await responder.answer(question, snapshot: snapshot)
                    print("Q: \(question)\nA: \(answer.text)\n")
                    #expect(answer.language == language, "\(question)")
                    if try await Self.verify(answer, check, question: question, on: connection) { passed += 1 }
                    if case .cannotAnswer = check {
                        for suggestion in answer.facts.map(\.value) {
                            let followUp = try await responder.answer(suggestion, snapshot: snapshot)
                            #expect(followUp.intent != .general, "suggestion \(suggestion) is answered")
                            #expect(followUp.facts.contains { $0.kind == .amount }, "suggestion \(suggestion)")
                        }
                    }
                }
                print("chat table: \(passed) of \(Self.table.count) questions answered with SQL's figures")
                #expect(Self.table.count >= 25)
            }
        }
    }
}
