public import Hummingbird

/// The request context of finrca's routes: Hummingbird's core storage plus the caller, once authenticated.
public struct FinrcaRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The user of a valid access token; set by ``BearerAuthenticator``.
    public var user: AuthenticatedUser?

    /// Creates the context of a new request.
    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// The authenticated user.
    ///
    /// - Throws: ``APIError`` 401 when the route was reached without ``BearerAuthenticator``.
    public func requireUser() throws -> AuthenticatedUser {
        guard let user else { throw APIError.unauthorized("an access token is required") }
        return user
    }
}
