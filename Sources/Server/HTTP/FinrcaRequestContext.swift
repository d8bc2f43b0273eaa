public import Hummingbird
public import NIOCore

/// The request context of finrca's routes: Hummingbird's core storage plus the caller, once authenticated.
public struct FinrcaRequestContext: RequestContext, RemoteAddressRequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The user of a valid access token; set by ``BearerAuthenticator``.
    public var user: AuthenticatedUser?
    /// The peer of the connection; nil without a socket (tests of the router alone).
    public let remoteAddress: SocketAddress?

    /// Creates the context of a new request.
    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The peer's IP address as text, the key of its rate-limit bucket.
    public var clientAddress: String? { remoteAddress?.ipAddress }

    /// The authenticated user.
    ///
    /// - Throws: ``APIError`` 401 when the route was reached without ``BearerAuthenticator``.
    public func requireUser() throws -> AuthenticatedUser {
        guard let user else { throw APIError.unauthorized("an access token is required") }
        return user
    }
}
