import FinrcaTestSupport
import PostgresNIO
import Server
import Shared
import Testing

extension ChatLedgerTests {
    /// Checks `answer` against the SQL of `check`; true when every expectation held.
    static func verify(_ answer: ChatAnswer, _ check: Check, question: String, on connection: PostgresConnection)
        async throws -> Bool
    {
        var ok = true
        func expect(_ condition: Bool, _ message: String) {
            #expect(condition, "\(question): \(message)")
            ok = ok && condition
        }
        let facts = answer.facts
        /// The amount as the answer's text writes it: grouped, the language's marks, the currency.
        func written(_ value: String) -> String {
            let grouped = Money(decimalText: value)?.grouped ?? value
            let marks =
                answer.language == .english ? grouped : String(grouped.map { $0 == "," ? "." : $0 == "." ? "," : $0 })
            return "IDR \(marks)"
        }
        func values(_ sql: String) async throws -> [String?] { try await connection.rows(sql).first ?? [] }
        switch check {
        case .total(let condition):
            let row = try await values(
                "SELECT coalesce(sum(amount), 0.00)::text, count(*)::text FROM finance_expense WHERE \(condition)"
            )
            expect(facts.count >= 2 && facts[0].kind == .amount, "an amount first: \(facts.map(\.label))")
            expect(facts.first?.value == row[0], "amount \(facts.first?.value ?? "-") = SQL \(row[0] ?? "-")")
            expect(facts.dropFirst().first?.value == row[1], "lines = SQL \(row[1] ?? "-")")
            expect(
                row[1] == "0" || answer.text.contains(written(row[0] ?? "")),
                "the text says \(written(row[0] ?? ""))"
            )
            expect(answer.chart != nil || row[1] == "0", "a chart")
        case .ranking(let sql):
            let rows = try await connection.rows(sql)
            expect(!rows.isEmpty && facts.count == rows.count, "\(facts.count) ranked = SQL's \(rows.count)")
            for (fact, row) in zip(facts, rows) {
                expect(fact.value == row[1], "\(row[0] ?? "-"): \(fact.value) = SQL \(row[1] ?? "-")")
                expect(fact.label.contains(row[0] ?? "\u{0}"), "\(fact.label) names \(row[0] ?? "-")")
            }
            expect(answer.text.contains(written(rows.first?[1] ?? "")), "the text says the first amount")
            expect(answer.chart != nil, "a chart")
        case .change(let earlier, let later):
            let row = try await values(
                """
                SELECT a::text, b::text, (b - a)::text, round((b - a) * 100 / nullif(abs(a), 0), 1)::text
                FROM (SELECT (\(earlier)) AS a, (\(later)) AS b) t
                """
            )
            expect(facts.count >= 3, "three amounts")
            expect(
                Array(facts.map(\.value).prefix(3)) == row.prefix(3).map { $0 ?? "-" },
                "\(facts.map(\.value).prefix(3)) = SQL \(row.prefix(3))"
            )
            expect(facts.first { $0.kind == .percent }?.value == row[3], "percent = SQL \(row[3] ?? "-")")
            expect(answer.text.contains(written(row[2] ?? "")), "the text says the change \(written(row[2] ?? ""))")
        case .share(let part, let whole):
            let row = try await values(
                "SELECT p::text, w::text, round(p / nullif(w, 0), 6)::text FROM (SELECT (\(part)) AS p, (\(whole)) AS w) t"
            )
            expect(facts.map(\.value) == row.map { $0 ?? "-" }, "\(facts.map(\.value)) = SQL \(row)")
            expect(facts.last?.kind == .ratio, "a ratio last")
        case .findings(let condition):
            let run = "(SELECT max(id) FROM detector_runs)"
            let count = try await values(
                "SELECT count(*)::text FROM findings WHERE last_run_id = \(run) AND \(condition)"
            )
            expect(
                facts.first?.kind == .count && facts.first?.value == count[0],
                "count \(facts.first?.value ?? "-") = SQL \(count[0] ?? "-")"
            )
            let lines = facts.filter { $0.field.contains(".evidence line ") }
            expect(Int(count[0] ?? "0")! == 0 || !lines.isEmpty, "evidence lines listed")
            for fact in lines {
                // field: id=<finding>.evidence line <line>
                let parts = fact.field.dropFirst(3).split(separator: ".evidence line ")
                let amount = try await values(
                    """
                    SELECT x.amount::text FROM findings f CROSS JOIN LATERAL jsonb_array_elements(f.evidence) e
                    JOIN finance_expense x ON x.batch_id = (e->>'batch_id')::int8 AND x.source_line = (e->>'line')::int8
                    WHERE f.id = \(parts[0]) AND (e->>'line')::int8 = \(parts[1]) AND f.last_run_id = \(run) AND \(condition)
                    """
                )
                expect(
                    fact.value == amount.first ?? nil,
                    "\(fact.label): \(fact.value) = SQL \(amount.first.flatMap { $0 } ?? "-")"
                )
            }
        case .cannotAnswer:
            expect(answer.intent == .general, "intent general")
            expect(
                answer.text.hasPrefix(
                    answer.language == .english ? "I cannot answer that" : "Saya tidak dapat menjawabnya"
                ),
                "says so"
            )
            expect(facts.count == 3 && facts.allSatisfy { $0.kind == .text }, "three suggestions")
        }
        return ok
    }
}
