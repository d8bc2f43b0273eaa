public import Hummingbird

/// Answers a request whose path has routes, but none for its method, with 405 and `Allow` listing the methods the
/// path has (Hummingbird's router answers 404 for both). Reads the routes from the ``RouteLog`` at request time.
public struct MethodNotAllowedMiddleware: RouterMiddleware {
    /// The request context.
    public typealias Context = FinrcaRequestContext

    let log: RouteLog

    /// Creates the middleware over the routes recorded in `log`.
    public init(log: RouteLog) {
        self.log = log
    }

    /// Passes the request on; turns the router's 404 into 405 when the path has other methods.
    public func handle(
        _ request: Request,
        context: Context,
        next: @concurrent (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let methods = Self.methods(of: request.uri.path, in: log.routes)
            guard !methods.isEmpty else { throw error }
            throw APIError(
                .methodNotAllowed,
                "method_not_allowed",
                "\(request.method.rawValue) is not a method of this path; it has \(methods.joined(separator: ", "))",
                headers: [.allow: methods.joined(separator: ", ")]
            )
        }
    }

    /// The methods of the routes whose path template (`/findings/{id}`) matches `path`, in the order registered.
    static func methods(of path: String, in routes: [RouteEntry]) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var methods: [String] = []
        for route in routes where !methods.contains(route.method) {
            let template = route.path.split(separator: "/", omittingEmptySubsequences: true)
            guard template.count == segments.count else { continue }
            if zip(template, segments).allSatisfy({ $0.hasPrefix("{") || $0 == $1 }) {
                methods.append(route.method)
            }
        }
        return methods
    }
}
