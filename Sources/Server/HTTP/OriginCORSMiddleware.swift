import HTTPTypes
public import Hummingbird

/// CORS for a fixed list of origins (`server.cors_origins`): a request from a listed origin gets
/// `Access-Control-Allow-Origin` with that origin (and `Vary: Origin`); a preflight (`OPTIONS` with
/// `Access-Control-Request-Method`) from it is answered 204 with the allowed methods and headers. Other
/// origins get no CORS headers, so browsers refuse them. (Hummingbird's own middleware takes origins only as
/// variadic arguments, not from configuration.)
public struct OriginCORSMiddleware: RouterMiddleware {
    public typealias Context = FinrcaRequestContext

    private let origins: Set<String>

    /// Creates the middleware for `origins` (e.g. `https://dashboard.example.org`).
    public init(origins: [String]) {
        self.origins = Set(origins)
    }

    public func handle(
        _ request: Request,
        context: Context,
        next: @concurrent (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let origin = request.headers[.origin], origins.contains(origin) else {
            return try await next(request, context)
        }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            return Response(
                status: .noContent,
                headers: [
                    .accessControlAllowOrigin: origin, .vary: "Origin",
                    .accessControlAllowMethods: "GET, POST, PATCH, DELETE, OPTIONS",
                    .accessControlAllowHeaders: "Authorization, Content-Type, If-None-Match, Accept",
                    .accessControlMaxAge: "600",
                ]
            )
        }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlExposeHeaders] = "ETag"
        response.headers.append(HTTPField(name: .vary, value: "Origin"))
        return response
    }
}
