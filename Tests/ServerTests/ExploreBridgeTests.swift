import Foundation
import PostgresNIO
@testable import Server
import Shared
import Testing

@Suite("Explore: filters from the query, the bridge and ranked root causes without I/O")
struct ExploreBridgeTests {
    static func filter(_ query: [String: String]) throws -> ExploreFilter {
        try ExploreFilter(query: { query[$0] }, currency: "GBP")
    }

    static func member(_ dimension: String, _ member: String, _ from: String, _ to: String) -> ExploreBridge.Member {
        ExploreBridge.Member(
            dimension: LedgerDimension(rawValue: dimension)!,
            member: member,
            from: Money(decimalText: from)!,
            to: Money(decimalText: to)!,
            linesFrom: 1,
            linesTo: 1
        )
    }

    @Test("the filter keeps level order, finds the next level and refuses bad periods and long values")
    func filters() throws {
        let filter = try Self.filter([
            "from": "2024-03", "to": "2024-04", "gl_account": "5410", "directorate": "Finance",
        ])
        #expect(filter.members.map(\.dimension) == [.directorate, .glAccount])
        #expect(filter.nextLevel == .costCenter)
        #expect(filter.openLevels == [.costCenter, .supplier])
        // the values are binds of the `filter` relation; the SQL text holds no value
        let query = filter.query("SELECT 1 FROM finance_expense x, filter WHERE \(ExploreFilter.conditionSQL("x"))")
        #expect(query.binds.count == 9)
        #expect(!query.sql.contains("Finance") && !query.sql.contains("5410"))
        #expect(
            query.sql.contains(
                "(filter.gl_account IS NULL OR coalesce(nullif(x.\"general_ledger_account\", ''), '(none)') = filter.gl_account)"
            )
        )
        #expect(throws: APIError.self) { try Self.filter(["from": "2024-03"]) }
        #expect(throws: APIError.self) { try Self.filter(["from": "2024-03", "to": "March"]) }
        #expect(throws: APIError.self) {
            try Self.filter(["from": "2024-03", "to": "2024-04", "supplier": String(repeating: "x", count: 201)])
        }
    }

    @Test(
        "steps by |contribution| with the rest as other; root causes by explained share (ties: level order), only those moving with the total"
    )
    func bridge() throws {
        let filter = try Self.filter(["from": "2024-03", "to": "2024-04"])
        var members = [
            Self.member("directorate", "Finance", "100.00", "250.00"),
            Self.member("directorate", "IT", "50.00", "20.00"),
            Self.member("directorate", "Schools", "0.00", "10.00"), Self.member("supplier", "PT A", "10.00", "130.00"),
            Self.member("supplier", "PT B", "140.00", "150.00"),
        ]
        for index in 0..<31 { members.append(Self.member("directorate", "D\(index)", "0.00", "0.00")) }
        let bridge = ExploreBridge(
            filter: filter,
            members: members,
            totals: (Money(decimalText: "150.00")!, Money(decimalText: "280.00")!, 3, 3)
        )
        let json = bridge.json(currency: "GBP")
        #expect(json["change"]?.decimalTextValue == "130.00" && json["level"]?.stringValue == "directorate")
        let steps = try #require(json["steps"]?.arrayValue)
        #expect(steps.count == 30)
        #expect(steps.prefix(3).compactMap { $0["member"]?.stringValue } == ["Finance", "IT", "Schools"])
        #expect(json["other"]?["members"]?.intValue == 4 && json["other"]?["contribution"]?.decimalTextValue == "0.00")
        let causes = bridge.rootCauses(change: Money(decimalText: "130.00")!)
        #expect(
            causes.map { "\($0.member.dimension)=\($0.member.member)" } == [
                "directorate=Finance", "supplier=PT A", "directorate=Schools", "supplier=PT B",
            ]
        )
        #expect(abs(causes[0].share - 150.0 / 130.0) < 1e-12)
        #expect(bridge.rootCauses(change: .zero).isEmpty)
    }
}
