import Foundation
public import Hummingbird

/// Requires `Authorization: Bearer <access token>` and puts the token's user in the context; otherwise 401.
public struct BearerAuthenticator: RouterMiddleware {
    public typealias Context = FinrcaRequestContext

    private let issuer: TokenIssuer

    /// Creates the middleware verifying with `issuer`.
    public init(issuer: TokenIssuer) {
        self.issuer = issuer
    }

    public func handle(
        _ request: Request,
        context: Context,
        next: @concurrent (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthorized(
                "an access token is required (Authorization: Bearer …; get one with POST /login)"
            )
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError.unauthorized("the Authorization header must be `Bearer <access token>`")
        }
        var context = context
        context.user = try await issuer.verify(String(parts[1]).trimmingCharacters(in: .whitespaces))
        return try await next(request, context)
    }
}
