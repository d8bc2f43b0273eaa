public import Hummingbird

/// Router methods whose routes must answer within `deadline`, else 503 `request_timeout` with `Retry-After`.
///
/// It bounds what the statement timeouts cannot: the wait for a pooled connection. While PostgreSQL is down, the
/// pool keeps a request waiting for up to a minute before it fails it; here the route is cancelled at its
/// deadline (a cancelled wait for a connection ends at once) and answered. Used for the routes that read the
/// database, with their class's statement timeout plus `server.limits.database_wait_seconds`.
public struct DeadlineRoutes<Base: RouterMethods>: RouterMethods {
    /// The request context.
    public typealias Context = Base.Context

    private let base: Base
    private let deadline: Duration

    /// Wraps `base`: every route added through it must answer within `deadline`.
    public init(_ base: Base, deadline: Duration) {
        self.base = base
        self.deadline = deadline
    }

    /// Adds the route to `base` with its deadline.
    @discardableResult
    public func on<Responder: HTTPResponder>(
        _ path: RouterPath,
        method: HTTPRequest.Method,
        responder: Responder
    ) -> Self where Responder.Context == Context {
        base.on(path, method: method, responder: DeadlineResponder(base: responder, deadline: deadline))
        return self
    }

    /// Adds middleware to `base`.
    public func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self {
        DeadlineRoutes(base.add(middleware: middleware), deadline: deadline)
    }
}

/// A responder raced against its deadline.
struct DeadlineResponder<Base: HTTPResponder>: HTTPResponder where Base.Context: Sendable {
    typealias Context = Base.Context

    let base: Base
    let deadline: Duration

    @Sendable func respond(to request: Request, context: Context) async throws -> Response {
        let deadline = deadline
        return try await withThrowingTaskGroup(of: Response?.self) { group in
            group.addTask { try await base.respond(to: request, context: context) }
            group.addTask {
                try await Task.sleep(for: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                throw APIError(
                    .serviceUnavailable,
                    "request_timeout",
                    "the request took longer than this route allows; the database may be unavailable or busy",
                    headers: [.retryAfter: "5"]
                )
            }
            return response
        }
    }
}
