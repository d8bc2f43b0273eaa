import Foundation
import NIOCore
public import Hummingbird
public import Logging
public import PostgresNIO
public import Shared

/// Chat rooms and messages (stored in PostgreSQL, each room private to its user) and `POST /chat/{room_id}`,
/// which answers from the served run's documents: deterministically, or phrased by a model when one is
/// configured and its text uses only the facts' numbers.
public struct ChatController: Sendable {
    struct RoomBody: Decodable {
        var title: String?
    }

    struct ChatBody: Decodable {
        var message: String
    }

    let client: PostgresClient
    let store: DocumentStore
    let model: ChatModelClient?
    let limits: ChatLimits
    let quota: ChatQuota
    let responder: ChatResponder
    let logger: Logger

    /// Creates the controller; `model` nil answers deterministically; `limits` caps a message's size and each
    /// user's messages per hour and day.
    public init(
        client: PostgresClient,
        store: DocumentStore,
        model: ChatModelClient?,
        limits: ChatLimits = ChatLimits(),
        logger: Logger
    ) {
        self.client = client
        self.store = store
        self.model = model
        self.limits = limits
        quota = ChatQuota(limits: limits)
        responder = ChatResponder(client: client, logger: logger)
        self.logger = logger
    }

    static let roomJSON =
        "jsonb_build_object('id', id, 'title', title, 'created_at', created_at, 'updated_at', updated_at)::text"
    static let messageJSON = """
        jsonb_build_object('id', id, 'room_id', room_id, 'role', role, 'content', content, 'intent', intent,
            'run_id', run_id, 'facts', facts, 'chart', chart, 'created_at', created_at)::text
        """

    /// Adds the routes to `group`.
    public func add(to group: some RouterMethods<FinrcaRequestContext>) {
        group.get("/rooms") { request, context in
            let user = try context.requireUser()
            let limit = try FindingsController.limit(
                request.uri.queryParameters.get("limit"),
                default: 100,
                maximum: 500
            )
            let rooms = try await strings(
                """
                SELECT \(unescaped: Self.roomJSON) FROM chat_rooms WHERE user_id = \(user.id)
                ORDER BY updated_at DESC, id DESC LIMIT \(Int64(limit))
                """
            )
            return Response.json(text: "{\"rooms\":[" + rooms.joined(separator: ",") + "]}")
        }
        group.post("/rooms") { request, context in
            let user = try context.requireUser()
            let body = try await AuthController.decode(RoomBody.self, request, context, optional: true)
            let title = try Self.title(body.title ?? RoomTitle.untitled)
            let room = try await strings(
                "INSERT INTO chat_rooms (user_id, title) VALUES (\(user.id), \(title)) RETURNING \(unescaped: Self.roomJSON)"
            )
            return Response.json(text: room[0], status: .created)
        }
        group.get("/rooms/:id") { _, context in
            let (user, room) = try Self.ids(context)
            return Response.json(
                text: try await owned(
                    "SELECT \(unescaped: Self.roomJSON) FROM chat_rooms WHERE id = \(room) AND user_id = \(user)"
                )
            )
        }
        group.patch("/rooms/:id") { request, context in
            let (user, room) = try Self.ids(context)
            let body = try await AuthController.decode(RoomBody.self, request, context)
            guard let title = body.title else { throw APIError.badParameter("title", "give the new title") }
            let newTitle = try Self.title(title)
            return Response.json(
                text: try await owned(
                    """
                    UPDATE chat_rooms SET title = \(newTitle), updated_at = now() WHERE id = \(room) AND user_id = \(user)
                    RETURNING \(unescaped: Self.roomJSON)
                    """
                )
            )
        }
        group.delete("/rooms/:id") { _, context in
            let (user, room) = try Self.ids(context)
            _ = try await owned("DELETE FROM chat_rooms WHERE id = \(room) AND user_id = \(user) RETURNING id::text")
            return Response(status: .noContent)
        }
        group.get("/rooms/:id/messages") { request, context in
            let (user, room) = try Self.ids(context)
            _ = try await owned("SELECT id::text FROM chat_rooms WHERE id = \(room) AND user_id = \(user)")
            let limit = try FindingsController.limit(
                request.uri.queryParameters.get("limit"),
                default: 100,
                maximum: 200
            )
            let before =
                try request.uri.queryParameters.get("before")
                .map { text -> Int64 in
                    guard let id = Int64(text), id >= 0 else {
                        throw APIError.badParameter("before", "before is a message id (0 or more)")
                    }
                    return id
                } ?? Int64.max
            let messages = try await strings(
                """
                SELECT text FROM (SELECT id, \(unescaped: Self.messageJSON) AS text FROM chat_messages
                                  WHERE room_id = \(room) AND id < \(before) ORDER BY id DESC LIMIT \(Int64(limit))) page
                ORDER BY id
                """
            )
            return Response.json(text: "{\"messages\":[" + messages.joined(separator: ",") + "]}")
        }
        group.delete("/rooms/:id/messages") { _, context in
            let (user, room) = try Self.ids(context)
            _ = try await owned("SELECT id::text FROM chat_rooms WHERE id = \(room) AND user_id = \(user)")
            _ = try await strings("DELETE FROM chat_messages WHERE room_id = \(room) RETURNING id::text")
            return Response(status: .noContent)
        }
        group.post("/chat/:room_id") { request, context in
            let user = try context.requireUser()
            guard let room = context.parameters.get("room_id", as: Int64.self) else {
                throw APIError.badParameter("room_id", "a room id is a whole number")
            }
            let text = try await message(request)
            return try await chat(text, room: room, user: user)
        }
    }

    func chat(_ message: String, room: Int64, user: AuthenticatedUser) async throws -> Response {
        let question = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !question.isEmpty else {
            throw APIError.badParameter("message", "the message is empty")
        }
        let roomTitle = try await owned("SELECT title FROM chat_rooms WHERE id = \(room) AND user_id = \(user.id)")
        guard let snapshot = store.current else { throw APIError.noRun }
        if case .refused(let retryAfter) = quota.admit(user: user.id) {
            throw APIError(
                .tooManyRequests,
                "chat_quota",
                "at most \(limits.messagesPerHour) chat messages an hour and \(limits.messagesPerDay) a day; try again in \(retryAfter) s",
                headers: [.retryAfter: String(retryAfter)]
            )
        }
        var answer: ChatAnswer
        do {
            answer = try await responder.answer(question, snapshot: snapshot)
        } catch let error as ChatDataError {
            logger.error("chat could not collect facts", metadata: ["error": "\(error)"])
            throw APIError(
                .internalServerError,
                "incomplete_run",
                "the latest run's documents lack what this answer needs: \(error)"
            )
        }
        if let model, answer.intent != .general || answer.facts.contains(where: { $0.kind != .text }) {
            do {
                let text = try await model.phrase(question: question, answer: answer)
                let adopted = AnswerComposer().adopt(modelText: text, over: answer)
                if !adopted.unsupported.isEmpty {
                    logger.notice(
                        "model answer used numbers not in the facts; answered deterministically",
                        metadata: ["numbers": "\(adopted.unsupported)"]
                    )
                }
                answer = adopted.answer
            } catch {
                logger.warning(
                    "model unavailable; answered deterministically",
                    metadata: ["error": "\(error.description)"]
                )
            }
        }
        let facts = JSONValue.array(answer.facts.map(\.json)).text
        let chart = answer.chart.map(\.text)
        let stored = try await client.withTransaction(logger: logger) { connection in
            var texts: [String] = []
            for try await text
                in try await connection.query(
                    """
                    INSERT INTO chat_messages (room_id, role, content) VALUES (\(room), 'user', \(question))
                    RETURNING \(unescaped: Self.messageJSON)
                    """,
                    logger: logger
                )
                .decode(String.self)
            { texts.append(text) }
            for try await text
                in try await connection.query(
                    """
                    INSERT INTO chat_messages (room_id, role, content, intent, run_id, facts, chart)
                    VALUES (\(room), 'assistant', \(answer.text), \(answer.intent.rawValue), \(snapshot.runID), \(facts)::jsonb, \(chart)::jsonb)
                    RETURNING \(unescaped: Self.messageJSON)
                    """,
                    logger: logger
                )
                .decode(String.self)
            { texts.append(text) }
            let title = roomTitle == RoomTitle.untitled ? RoomTitle.make(from: question) : roomTitle
            try await connection.query(
                "UPDATE chat_rooms SET title = \(title), updated_at = now() WHERE id = \(room)",
                logger: logger
            )
            return texts
        }
        return Response.json(
            text:
                "{\"room_id\":\(room),\"phrasing\":\"\(answer.phrasing.rawValue)\",\"language\":\"\(answer.language.rawValue)\",\"question\":\(stored[0]),\"answer\":\(stored[1])}"
        )
    }

    /// The `message` of a chat request's JSON body, refused with 400 when it holds more than
    /// ``ChatLimits/maxMessageLength`` Unicode code points (the count JSON Schema's `maxLength` uses, so the
    /// OpenAPI document states the rule exactly; at most 4 UTF-8 bytes each) and with 413 when the body is longer
    /// than any such message can be (every code point escaped as a `\uXXXX\uXXXX` surrogate pair, plus 1 KiB).
    func message(_ request: Request) async throws -> String {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 12 * limits.maxMessageLength + 1024)
        } catch {
            throw APIError(
                .contentTooLarge,
                "body_too_large",
                "the request body is longer than a chat message of \(limits.maxMessageLength) code points can be (server.chat_max_message_length)"
            )
        }
        let body: ChatBody
        do {
            body = try JSONDecoder().decode(ChatBody.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError(.badRequest, "invalid_body", "the request body must be JSON with the documented fields")
        }
        guard !body.message.utf8.contains(0) else {
            throw APIError(.badRequest, "invalid_message", "a chat message cannot contain the NUL character (U+0000)")
        }
        let length = body.message.unicodeScalars.count
        guard length <= limits.maxMessageLength else {
            throw APIError(
                .badRequest,
                "message_too_long",
                "the message is \(length) code points; a chat message is at most \(limits.maxMessageLength) (server.chat_max_message_length)"
            )
        }
        return body.message
    }

    /// The caller and the room id of a `/rooms/:id…` route.
    static func ids(_ context: FinrcaRequestContext) throws -> (user: Int64, room: Int64) {
        let user = try context.requireUser()
        guard let room = context.parameters.get("id", as: Int64.self) else {
            throw APIError.badParameter("id", "a room id is a whole number")
        }
        return (user.id, room)
    }

    static func title(_ text: String) throws -> String {
        let title = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(title.count), !title.utf8.contains(0) else {
            throw APIError.badParameter("title", "a title is 1 to 200 characters, without NUL (U+0000)")
        }
        return title
    }

    /// The first column of every row of `query`.
    func strings(_ query: PostgresQuery) async throws -> [String] {
        var result: [String] = []
        for try await text in try await client.query(query, logger: logger).decode(String.self) {
            result.append(text)
        }
        return result
    }

    /// The first row's text of `query`, or 404 when there is none (the room does not exist or is another user's).
    func owned(_ query: PostgresQuery) async throws -> String {
        for try await text in try await client.query(query, logger: logger).decode(String.self) {
            return text
        }
        throw APIError.notFound("no such room")
    }
}
