import FinrcaTestSupport
import Foundation
import Hummingbird
import Server
import Shared
import Testing

/// Chat over HTTP: rooms and messages in PostgreSQL, deterministic answers, and the model path against a local
/// OpenAI-compatible server (scripts/openai-stub.py).
@Suite("Chat over HTTP: rooms, stored messages, deterministic and model-phrased answers", .needsDatabase)
struct ChatAPITests {
    /// Runs `body` with the stub answering `reply` (or `status`); gives its chat-completions URL and request log.
    static func withModelStub(reply: String, status: Int = 200, _ body: (String, String) async throws -> Void)
        async throws
    {
        try await ScriptServer.with("openai-stub.py", arguments: ["--reply", reply, "--status", "\(status)"]) {
            port,
            requests in
            try await body("http://127.0.0.1:\(port)/v1/chat/completions", requests)
        }
    }

    static func room(_ api: APIHarness, token: String) async throws -> Int64 {
        let created = try await api.send(.post, "/rooms", token: token, body: "{}")
        #expect(created.status == .created)
        return try #require(try created.json()["id"]?.intValue)
    }

    @Test(
        "a question per intent is answered with the fixture's figures; messages are stored; the title comes from the first question"
    )
    func deterministic() async throws {
        try await APIHarness.with { api in
            let (token, _) = try await api.login()
            let room = try await Self.room(api, token: token)
            #expect(
                try await api.send(.get, "/rooms/\(room)", token: token).json()["title"]?.stringValue
                    == RoomTitle.untitled
            )
            let cases: [(question: String, intent: String, figure: String)] = [
                ("how many anomalies were found?", "anomaly", "42"),
                ("berapa total pengeluaran?", "summary", "12.345.678,90"),
                ("show me the outliers", "outlier", "27"),
                ("what is the trend month over month?", "trend", "2024-07"),
                ("why did spend change? root cause", "rca", "1,200,000.55"),
                ("compare 2024-06 with 2024-07", "comparison", "2024-06"),
                ("tampilkan grafik tren", "visualization", "chart_trend"),
            ]
            for (question, intent, figure) in cases {
                let reply = try await api.send(
                    .post,
                    "/chat/\(room)",
                    token: token,
                    body: JSONValue.object([("message", .string(question))]).text
                )
                #expect(reply.status == .ok, "\(question): \(reply.text)")
                let json = try reply.json()
                #expect(json["answer"]?["intent"]?.stringValue == intent, "\(question)")
                #expect(json["phrasing"]?.stringValue == "deterministic")
                let text = json["answer"]?["content"]?.stringValue ?? ""
                let chart = json["answer"]?["chart"]
                #expect(
                    text.contains(figure) || (figure.hasPrefix("chart_") && chart != nil && chart != .null),
                    "\(question): \(text)"
                )
                #expect((json["answer"]?["facts"]?.arrayValue?.count ?? 0) > 0)
            }
            #expect(
                try await api.send(.get, "/rooms/\(room)", token: token).json()["title"]?.stringValue
                    == "How many anomalies were found"
            )
            let messages =
                try await api.send(.get, "/rooms/\(room)/messages", token: token).json()["messages"]?.arrayValue ?? []
            #expect(messages.count == 2 * cases.count)
            #expect(
                messages.first?["role"]?.stringValue == "user" && messages.last?["role"]?.stringValue == "assistant"
            )
            func page(_ query: String) async throws -> [Int64?] {
                let reply = try await api.send(.get, "/rooms/\(room)/messages?\(query)", token: token)
                return try reply.json()["messages"]?.arrayValue?.map { $0["id"]?.intValue } ?? []
            }
            let lastID = try #require(messages.last?["id"]?.intValue)
            #expect(try await page("before=\(lastID)&limit=2") == [lastID - 2, lastID - 1])
            #expect(try await page("before=0").isEmpty)
            let negative = try await api.send(.get, "/rooms/\(room)/messages?before=-1", token: token)
            #expect(negative.status == .badRequest, "below the documented minimum 0")
            #expect(
                try await api.connection.value("SELECT count(*)::text FROM chat_messages WHERE run_id = 1")
                    == String(cases.count)
            )
        }
    }

    @Test(
        "a message over the cap in code points is 400 (10 family emoji are 10 characters, 70 code points, 250 bytes); a body past what the cap allows is 413; past the hourly quota 429 with Retry-After"
    )
    func limits() async throws {
        var limits = ChatLimits()
        limits.maxMessageLength = 100
        limits.messagesPerHour = 3
        try await APIHarness.with(chatLimits: limits) { api in
            let (token, _) = try await api.login()
            let room = try await Self.room(api, token: token)
            func ask(_ message: String) async throws -> APIHarness.Reply {
                try await api.send(
                    .post,
                    "/chat/\(room)",
                    token: token,
                    body: JSONValue.object([("message", .string(message))]).text
                )
            }
            let family = "👨‍👩‍👧‍👦"
            #expect(family.unicodeScalars.count == 7 && family.utf8.count == 25)
            // 15 characters (grapheme clusters), 105 code points, 375 bytes.
            let families = try await ask(String(repeating: family, count: 15))
            #expect(families.status == .badRequest)
            #expect(try families.json()["error"]?["code"]?.stringValue == "message_too_long")
            #expect(try families.json()["error"]?["message"]?.stringValue?.contains("105 code points") == true)
            #expect(try await ask(String(repeating: "a", count: 101)).status == .badRequest)
            let nul = try await ask("total spend?\u{0}")
            #expect(nul.status == .badRequest, "PostgreSQL text cannot hold NUL: refused, not a 500")
            #expect(try nul.json()["error"]?["code"]?.stringValue == "invalid_message")
            let huge = try await api.send(
                .post,
                "/chat/\(room)",
                token: token,
                body: #"{"message":""# + String(repeating: "x", count: 2 << 20) + #""}"#
            )
            #expect(huge.status == .contentTooLarge)
            #expect(try huge.json()["error"]?["code"]?.stringValue == "body_too_large")
            // 14 family emoji: 98 code points, 350 bytes, within the cap.
            #expect(try await ask(String(repeating: family, count: 14)).status == .ok)
            #expect(try await ask(String(repeating: "a", count: 100)).status == .ok)
            #expect(try await ask("total spend?").status == .ok)
            let refused = try await ask("what is the trend?")
            #expect(refused.status == .tooManyRequests)
            let wait = try #require(refused.headers[.retryAfter].flatMap { Int($0) })
            #expect((3_500...3_600).contains(wait))
            #expect(
                try await api.connection.value("SELECT count(*)::text FROM chat_messages WHERE role = 'user'") == "3",
                "refused messages are neither answered nor stored"
            )
        }
    }

    @Test("rooms are private, renamed, emptied and deleted; unknown rooms are 404")
    func rooms() async throws {
        try await APIHarness.with(allowRegister: true) { api in
            let (alice, _) = try await api.login()
            let room = try await Self.room(api, token: alice)
            let bodiless = try await api.send(.post, "/rooms", token: alice)
            #expect(bodiless.status == .created, "the request body is optional: an untitled room")
            _ = try await api.send(.post, "/register", body: #"{"username":"bob","password":"long enough pw"}"#)
            let (bob, _) = try await api.login(username: "bob", password: "long enough pw")
            #expect(try await api.send(.get, "/rooms/\(room)", token: bob).status == .notFound)
            #expect(
                try await api.send(.post, "/chat/\(room)", token: bob, body: #"{"message":"hi"}"#).status == .notFound
            )
            #expect(try await api.send(.get, "/rooms", token: bob).json()["rooms"]?.arrayValue?.isEmpty == true)
            let renamed = try await api.send(.patch, "/rooms/\(room)", token: alice, body: #"{"title":"July close"}"#)
            #expect(try renamed.json()["title"]?.stringValue == "July close")
            _ = try await api.send(.post, "/chat/\(room)", token: alice, body: #"{"message":"total spend?"}"#)
            #expect(try await api.send(.delete, "/rooms/\(room)/messages", token: alice).status == .noContent)
            #expect(
                try await api.send(.get, "/rooms/\(room)/messages", token: alice).json()["messages"]?.arrayValue?
                    .isEmpty == true
            )
            #expect(try await api.send(.delete, "/rooms/\(room)", token: alice).status == .noContent)
            #expect(try await api.send(.get, "/rooms/\(room)", token: alice).status == .notFound)
            #expect(
                try await api.send(.post, "/chat/\(room)", token: alice, body: #"{"message":""}"#).status == .badRequest
            )
        }
    }

    @Test(
        "model path: a grounded reply is used; a reply with a number not in the facts falls back; a failing model falls back"
    )
    func model() async throws {
        try await Self.withModelStub(reply: "Spend in total was GBP 12,345,678.90 over 48,213 lines.") { url, out in
            try await APIHarness.with(modelURL: url, modelAPIKey: "test-key") { api in
                let (token, _) = try await api.login()
                let room = try await Self.room(api, token: token)
                let reply =
                    try await api.send(
                        .post,
                        "/chat/\(room)",
                        token: token,
                        body: #"{"message":"what is the total spend?"}"#
                    )
                    .json()
                #expect(reply["phrasing"]?.stringValue == "model")
                #expect(
                    reply["answer"]?["content"]?.stringValue
                        == "Spend in total was GBP 12,345,678.90 over 48,213 lines."
                )
                let facts = reply["answer"]?["facts"]?.arrayValue ?? []
                #expect(
                    facts.contains {
                        $0["label"]?.stringValue == "total spend" && $0["value"]?.stringValue == "12345678.90"
                    },
                    "the facts are shown beside the model's answer"
                )
            }
            let request = try #require(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").first)
            let logged = try JSONValue(parsing: String(request))
            #expect(logged["authorization"]?.stringValue == "Bearer test-key")
            #expect(logged["body"].map(\.text)?.contains("12345678.90") == true, "the facts were sent to the model")
        }
        try await Self.withModelStub(reply: "Spend in total was GBP 13,000,000.00, up 12.5%.") { url, _ in
            try await APIHarness.with(modelURL: url, modelAPIKey: "test-key") { api in
                let (token, _) = try await api.login()
                let room = try await Self.room(api, token: token)
                let reply =
                    try await api.send(
                        .post,
                        "/chat/\(room)",
                        token: token,
                        body: #"{"message":"what is the total spend?"}"#
                    )
                    .json()
                #expect(reply["phrasing"]?.stringValue == "deterministic")
                #expect(reply["answer"]?["content"]?.stringValue?.contains("13,000,000") == false)
                #expect(reply["answer"]?["content"]?.stringValue?.contains("12,345,678.90") == true)
            }
        }
        try await Self.withModelStub(reply: "unused", status: 500) { url, out in
            try await APIHarness.with(modelURL: url, modelAPIKey: "test-key") { api in
                let (token, _) = try await api.login()
                let room = try await Self.room(api, token: token)
                let reply = try await api.send(
                    .post,
                    "/chat/\(room)",
                    token: token,
                    body: #"{"message":"what is the total spend?"}"#
                )
                #expect(try reply.status == .ok && reply.json()["phrasing"]?.stringValue == "deterministic")
            }
            #expect(
                try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count == 3,
                "1 try + 2 retries after HTTP 500"
            )
        }
    }
}
