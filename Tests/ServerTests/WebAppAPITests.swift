import CompressNIO
import FinrcaTestSupport
import Foundation
import Hummingbird
import NIOCore
import Server
import Shared
import Testing

/// The routes the web app added: roles and reviews, evidence lines, counts, explore, users.
@Suite("Web app routes over a real database: roles, reviews, lines, counts, explore, users", .needsDatabase)
struct WebAppAPITests {
    /// Adds `name` with `role` (password as alice's) and logs in.
    static func user(_ api: APIHarness, _ name: String, role: UserRole) async throws -> String {
        let hash = try await PasswordHasher(cost: 4).hash(APIHarness.password)
        _ = try await UserStore(logger: TestDatabase.logger)
            .add(username: name, passwordHash: hash, role: role, on: api.connection)
        return try await api.login(username: name).access
    }

    @Test(
        "a viewer is refused a review (403); a reviewer records one, the finding and its history show it; /me has the role"
    )
    func reviews() async throws {
        try await APIHarness.with { api in
            let viewer = try await api.login().access
            let me = try await api.send(.get, "/me", token: viewer).json()
            #expect(me["username"]?.stringValue == "alice" && me["role"]?.stringValue == "viewer")
            let refused = try await api.send(
                .post,
                "/findings/2/review",
                token: viewer,
                body: #"{"status":"confirmed"}"#
            )
            #expect(refused.status == .forbidden)
            #expect(try refused.json()["error"]?["code"]?.stringValue == "forbidden")
            #expect(try await api.connection.value("SELECT review_status FROM findings WHERE id = 2") == "open")

            let reviewer = try await Self.user(api, "rita", role: .reviewer)
            let login =
                try await api.send(.post, "/login", body: #"{"username":"rita","password":"\#(APIHarness.password)"}"#)
                .json()
            #expect(login["user"]?["role"]?.stringValue == "reviewer")
            let reviewed = try await api.send(
                .post,
                "/findings/2/review",
                token: reviewer,
                body: #"{"status":"expected","note":"annual licence, paid every July"}"#
            )
            #expect(reviewed.status == .ok, "\(reviewed.text)")
            let finding = try reviewed.json()
            #expect(
                finding["review_status"]?.stringValue == "expected" && finding["reviewed_by"]?.stringValue == "rita"
            )
            #expect(finding["review_note"]?.stringValue == "annual licence, paid every July")
            _ = try await api.send(.post, "/findings/2/review", token: reviewer, body: #"{"status":"open"}"#)
            let history = try await api.send(.get, "/findings/2/reviews", token: viewer).json()
            #expect(history["reviews"]?.arrayValue?.compactMap { $0["status"]?.stringValue } == ["expected", "open"])
            #expect(
                try await api.connection.value("SELECT coalesce(review_note, 'none') FROM findings WHERE id = 2")
                    == "none"
            )
            #expect(
                try await api.send(.post, "/findings/2/review", token: reviewer, body: #"{"status":"ignored"}"#).status
                    == .badRequest
            )
            let long = String(repeating: "x", count: 2001)
            #expect(
                try await api
                    .send(.post, "/findings/2/review", token: reviewer, body: #"{"status":"open","note":"\#(long)"}"#)
                    .status == .badRequest
            )
            #expect(
                try await api.send(.post, "/findings/99/review", token: reviewer, body: #"{"status":"open"}"#).status
                    == .notFound
            )
            #expect(
                try await api.send(.post, "/findings/2/review", body: #"{"status":"open"}"#).status == .unauthorized
            )
        }
    }

    @Test("findings by rank and by dimension; counts of the latest run; evidence lines joined to the ledger")
    func findingsForTheInbox() async throws {
        try await APIHarness.with { api in
            let token = try await api.login().access
            var ranked: [Int64] = []
            var cursor: String?
            repeat {
                let page =
                    try await api.send(
                        .get,
                        "/findings?sort=rank&limit=4" + (cursor.map { "&cursor=\($0)" } ?? ""),
                        token: token
                    )
                    .json()
                ranked += (page["findings"]?.arrayValue ?? []).compactMap { $0["id"]?.intValue }
                cursor = page["next_cursor"]?.stringValue
            } while cursor != nil && ranked.count < 20
            #expect(ranked == [2, 1, 7, 6, 5, 4, 3])
            #expect(try await api.send(.get, "/findings?sort=size", token: token).status == .badRequest)
            #expect(
                try await api.send(.get, "/findings?dimension=cost_center", token: token).json()["findings"]?
                    .arrayValue?
                    .count == 7
            )
            #expect(
                try await api.send(.get, "/findings?dimension=supplier", token: token).json()["findings"]?.arrayValue?
                    .count == 0
            )
            #expect(
                try await api.send(.get, "/findings?q=3109", token: token).json()["findings"]?.arrayValue?.count == 7
            )
            #expect(
                try await api.send(.get, "/findings?q=%25", token: token).json()["findings"]?.arrayValue?.count == 0
            )

            let counts = try await api.send(.get, "/findings/counts", token: token).json()
            #expect(counts["run_id"]?.intValue == 1 && counts["total"]?.intValue == 7)
            #expect(
                counts["open_by_severity"]?["high"]?.intValue == 2
                    && counts["open_by_severity"]?["medium"]?.intValue == 5
            )
            #expect(
                counts["by_kind"]?["mom_change"]?.intValue == 3 && counts["flagged_periods"]?.arrayValue?.count == 1
            )

            _ = try await api.connection.rows(
                """
                UPDATE findings SET evidence = '[{"batch_id": 1, "line": 4, "amount": 300.25}, {"batch_id": 1, "line": 2, "amount": 100.10},
                                                 {"batch_id": 1, "line": 999, "amount": 1.00}]' WHERE id = 5
                """
            )
            _ = try await api.connection.rows(
                """
                UPDATE finance_expense SET supplier = 'PT "Maju", Tbk', posting_date = '2024-07-15', cost_center_id = '31090' WHERE source_line = 4
                """
            )
            let lines = try await api.send(.get, "/findings/5/lines", token: token).json()
            #expect(lines["total_lines"]?.intValue == 3)
            let rows = try #require(lines["lines"]?.arrayValue)
            #expect(rows.compactMap { $0["line"]?.intValue } == [4, 2, 999])
            #expect(
                rows[0]["supplier"]?.stringValue == "PT \"Maju\", Tbk"
                    && rows[0]["posting_date"]?.stringValue == "2024-07-15"
            )
            #expect(
                rows[0]["amount"]?.decimalTextValue == "300.25" && rows[0]["file_name"]?.stringValue == "gl-2024.csv"
            )
            #expect(rows[0]["period"]?.stringValue == "2024-07" && rows[1]["directorate"]?.stringValue == "Adults")
            #expect(
                rows[2]["amount"]?.decimalTextValue == "1.00" && rows[2]["supplier"] == nil,
                "a line no longer loaded keeps its evidence"
            )
            #expect(
                try await api.send(.get, "/findings/5/lines?limit=1", token: token).json()["lines"]?.arrayValue?.count
                    == 1
            )
            #expect(try await api.send(.get, "/findings/99/lines", token: token).status == .notFound)
        }
    }

    @Test(
        "explore: the bridge by the next level and ranked root causes, summed exactly; drill down; lines largest first"
    )
    func explore() async throws {
        try await APIHarness.with { api in
            let token = try await api.login().access
            let bridge = try await api.send(.get, "/explore/bridge?from=2024-06&to=2024-07", token: token).json()
            #expect(bridge["level"]?.stringValue == "directorate" && bridge["currency"]?.stringValue == "GBP")
            #expect(bridge["start"]?.decimalTextValue == "150.10" && bridge["end"]?.decimalTextValue == "285.25")
            #expect(bridge["change"]?.decimalTextValue == "135.15")
            let steps = try #require(bridge["steps"]?.arrayValue)
            #expect(steps.compactMap { $0["member"]?.stringValue } == ["Adults", "IT", "Schools"])
            #expect(steps.compactMap { $0["contribution"]?.decimalTextValue } == ["200.15", "-70.00", "5.00"])
            #expect(steps[1]["lines_from"]?.intValue == 1 && steps[1]["lines_to"]?.intValue == 1)
            let causes = try #require(bridge["root_causes"]?.arrayValue)
            #expect(
                causes.map { "\($0["dimension"]?.stringValue ?? "")=\($0["member"]?.stringValue ?? "")" } == [
                    "directorate=Adults", "cost_center=(none)", "gl_account=(none)", "supplier=(none)",
                    "directorate=Schools",
                ]
            )
            #expect(causes[0]["explained_share"]?.decimalTextValue == "1.4809")

            let adults =
                try await api.send(.get, "/explore/bridge?from=2024-06&to=2024-07&directorate=Adults", token: token)
                .json()
            #expect(adults["level"]?.stringValue == "cost_center" && adults["change"]?.decimalTextValue == "200.15")
            #expect(adults["filter"]?["directorate"]?.stringValue == "Adults")
            let bottom =
                try await api.send(
                    .get,
                    "/explore/bridge?from=2024-06&to=2024-07&directorate=Adults&cost_center=(none)&gl_account=(none)&supplier=(none)",
                    token: token
                )
                .json()
            #expect(
                bottom["level"] == .null && bottom["end"]?.decimalTextValue == "300.25"
                    && bottom["steps"]?.arrayValue?.isEmpty == true
            )

            let lines =
                try await api.send(.get, "/explore/lines?from=2024-06&to=2024-07&directorate=Adults", token: token)
                .json()
            #expect(lines["total_lines"]?.intValue == 2 && lines["next_offset"] == .null)
            #expect(lines["lines"]?.arrayValue?.compactMap { $0["line"]?.intValue } == [4, 2])
            let page = try await api.send(.get, "/explore/lines?from=2024-06&to=2024-07&limit=2&offset=2", token: token)
                .json()
            #expect(page["total_lines"]?.intValue == 5 && page["next_offset"]?.intValue == 4)
            #expect(page["lines"]?.arrayValue?.compactMap { $0["amount"]?.decimalTextValue } == ["50.00", "-20.00"])
            for uri in [
                "/explore/bridge?from=2024-06", "/explore/bridge?from=2024-06&to=2024-99",
                "/explore/lines?from=2024-06&to=2024-07&offset=-1", "/explore/lines?from=2024-06&to=2024-07&limit=501",
            ] {
                #expect(try await api.send(.get, uri, token: token).status == .badRequest, "\(uri)")
            }
            let injection =
                try await api.send(
                    .get,
                    "/explore/bridge?from=2024-06&to=2024-07&directorate=x'%20OR%20'1'='1",
                    token: token
                )
                .json()
            #expect(injection["start"]?.decimalTextValue == "0.00" && injection["end"]?.decimalTextValue == "0.00")
        }
    }

    @Test("users: admins list, add and change roles; others get 403; an admin cannot demote themself")
    func users() async throws {
        try await APIHarness.with { api in
            let viewer = try await api.login().access
            #expect(try await api.send(.get, "/users", token: viewer).status == .forbidden)
            let admin = try await Self.user(api, "ada", role: .admin)
            let list = try await api.send(.get, "/users", token: admin).json()
            #expect(list["users"]?.arrayValue?.compactMap { $0["role"]?.stringValue } == ["admin", "viewer"])
            let created = try await api.send(
                .post,
                "/users",
                token: admin,
                body: #"{"username":"rex","password":"long enough pw","role":"reviewer"}"#
            )
            #expect(created.status == .created)
            #expect(
                try await api
                    .send(.post, "/users", token: admin, body: #"{"username":"rex","password":"long enough pw"}"#)
                    .status == .conflict
            )
            #expect(
                try await api
                    .send(
                        .post,
                        "/users",
                        token: admin,
                        body: #"{"username":"sam","password":"long enough pw","role":"root"}"#
                    )
                    .status == .badRequest
            )
            #expect(
                try await api.send(.patch, "/users/alice", token: admin, body: #"{"role":"reviewer"}"#).status
                    == .noContent
            )
            #expect(try await api.connection.value("SELECT role FROM api_users WHERE username = 'alice'") == "reviewer")
            #expect(
                try await api.send(.patch, "/users/ada", token: admin, body: #"{"role":"viewer"}"#).status == .conflict
            )
            #expect(
                try await api.send(.patch, "/users/nobody", token: admin, body: #"{"role":"viewer"}"#).status
                    == .notFound
            )
            #expect(
                try await api.send(.patch, "/users/rex", token: admin, body: #"{"disabled":true}"#).status == .noContent
            )
            #expect(
                try await api.send(.post, "/login", body: #"{"username":"rex","password":"long enough pw"}"#).status
                    == .unauthorized
            )
        }
    }

    @Test(
        "the web app: HTML for browsers at /, JSON for API clients; versioned immutable files, gzip, ETag, CSP; 303 for alert links"
    )
    func webApp() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("finrca-web-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("js/views"),
            withIntermediateDirectories: true
        )
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("tests"),
            withIntermediateDirectories: true
        )
        try
            #"<html><head><!-- modulepreload --><script type="module" src="/app/{{VERSION}}/js/main.js"></script></head></html>"#
            .write(to: folder.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        let script = "export const answer = 42;\n" + String(repeating: "// padding so that gzip pays off\n", count: 40)
        try script.write(to: folder.appendingPathComponent("js/main.js"), atomically: true, encoding: .utf8)
        try "export {};".write(to: folder.appendingPathComponent("js/views/a.js"), atomically: true, encoding: .utf8)
        try "test".write(to: folder.appendingPathComponent("tests/x.test.js"), atomically: true, encoding: .utf8)
        try "notes".write(to: folder.appendingPathComponent("NOTES.md"), atomically: true, encoding: .utf8)
        let assets = try WebAssets.load(directory: folder)
        #expect(assets.version.count == 12)
        #expect(Set(assets.files.keys) == ["js/main.js", "js/views/a.js"], "tests and notes are not served")
        try await APIHarness.with(webAssets: assets) { api in
            let json = try await api.send(.get, "/", headers: [.accept: "*/*"])
            #expect(json.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(try await api.send(.get, "/").headers[.contentType]?.hasPrefix("application/json") == true)
            let page = try await api.send(.get, "/", headers: [.accept: "text/html,application/xhtml+xml,*/*;q=0.8"])
            #expect(page.status == .ok && page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(page.headers[.cacheControl] == "no-cache")
            #expect(page.text.contains("/app/\(assets.version)/js/main.js") && !page.text.contains("{{VERSION}}"))
            #expect(page.text.contains("<link rel=\"modulepreload\" href=\"/app/\(assets.version)/js/views/a.js\">"))

            let file = try await api.send(.get, "/app/\(assets.version)/js/main.js", headers: [.acceptEncoding: "gzip"])
            #expect(file.status == .ok && file.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(
                file.headers[.cacheControl] == "public, max-age=31536000, immutable"
                    && file.headers[.contentEncoding] == "gzip"
            )
            var zipped = file.body
            #expect(String(buffer: try zipped.decompress(with: .gzip())) == script)
            let etag = try #require(file.headers[.eTag])
            #expect(
                try await api.send(.get, "/app/\(assets.version)/js/main.js", headers: [.ifNoneMatch: etag]).status
                    == .notModified
            )
            #expect(try await api.send(.get, "/app/000000000000/js/main.js").headers[.cacheControl] == "no-cache")
            #expect(try await api.send(.get, "/app/\(assets.version)/tests/x.test.js").status == .notFound)
            #expect(try await api.send(.get, "/app/\(assets.version)/../../etc/passwd").status == .notFound)

            let link = try await api.send(.get, "/findings/42", headers: [.accept: "text/html"])
            #expect(link.status == .seeOther && link.headers[.location] == "/#/findings/42")
            let token = try await api.login().access
            #expect(
                try await api.send(.get, "/findings/2", token: token, headers: [.accept: "text/html"])
                    .headers[.contentType]?
                    .hasPrefix("application/json") == true
            )
        }
        #expect(throws: WebAssets.LoadError.self) { try WebAssets.load(directory: folder.appendingPathComponent("js")) }
    }
}
