import Foundation
public import Hummingbird
public import Logging
public import PostgresNIO
import Shared

/// `POST /login`, `/refresh`, `/logout` and (when enabled) `/register`. `/login`, `/refresh` and `/register` take
/// a token from the client address's bucket, and `/login` and `/register` one from the user name's, before they
/// read the database or hash a password (``AuthRateLimiter``).
public struct AuthController: Sendable {
    struct Credentials: Decodable {
        var username: String
        var password: String
    }

    struct RefreshRequest: Decodable {
        var refreshToken: String

        enum CodingKeys: String, CodingKey { case refreshToken = "refresh_token" }
    }

    let client: PostgresClient
    let issuer: TokenIssuer
    let hasher: PasswordHasher
    let refreshLifetime: Duration
    let allowRegister: Bool
    let limiter: AuthRateLimiter
    let logger: Logger

    /// Creates the controller.
    public init(
        client: PostgresClient,
        issuer: TokenIssuer,
        hasher: PasswordHasher,
        refreshLifetime: Duration,
        allowRegister: Bool,
        limiter: AuthRateLimiter,
        logger: Logger
    ) {
        self.client = client
        self.issuer = issuer
        self.hasher = hasher
        self.refreshLifetime = refreshLifetime
        self.allowRegister = allowRegister
        self.limiter = limiter
        self.logger = logger
    }

    /// Adds the routes to `router`.
    public func add(to router: some RouterMethods<FinrcaRequestContext>) {
        router.post("/login") { request, context in try await login(request, context: context) }
        router.post("/refresh") { request, context in try await refresh(request, context: context) }
        router.post("/logout") { request, context in try await logout(request, context: context) }
        router.post("/register") { request, context in try await register(request, context: context) }
    }

    /// Adds `GET /me` (the caller's name and role, from the token) to the authenticated `group`.
    public func addMe(to group: some RouterMethods<FinrcaRequestContext>) {
        group.get("/me") { _, context in Response.json(Self.userJSON(try context.requireUser())) }
    }

    private var users: UserStore { UserStore(logger: logger) }

    func login(_ request: Request, context: FinrcaRequestContext) async throws -> Response {
        try limiter.admit(address: context.clientAddress)
        let credentials = try await Self.decode(Credentials.self, request, context)
        try limiter.admit(username: credentials.username)
        let stored = try await client.withConnection {
            try await users.credentials(username: credentials.username, on: $0)
        }
        let matches = try await hasher.verify(credentials.password, hash: stored?.hash)
        guard matches, let stored, !stored.disabled else {
            logger.notice("login refused", metadata: ["user": .string(credentials.username)])
            throw APIError(.unauthorized, "invalid_credentials", "unknown user name or wrong password")
        }
        return try await tokenPair(
            for: AuthenticatedUser(id: stored.id, username: credentials.username, role: stored.role)
        )
    }

    func refresh(_ request: Request, context: FinrcaRequestContext) async throws -> Response {
        try limiter.admit(address: context.clientAddress)
        let body = try await Self.decode(RefreshRequest.self, request, context)
        let user = try await client.withConnection {
            try await users.redeemRefreshToken(sha256: TokenIssuer.sha256(body.refreshToken), on: $0)
        }
        guard let user else {
            throw APIError(
                .unauthorized,
                "invalid_refresh_token",
                "the refresh token is unknown, expired or revoked; log in again"
            )
        }
        return try await tokenPair(for: user)
    }

    func logout(_ request: Request, context: FinrcaRequestContext) async throws -> Response {
        let body = try await Self.decode(RefreshRequest.self, request, context)
        try await client.withConnection {
            try await users.revokeRefreshToken(sha256: TokenIssuer.sha256(body.refreshToken), on: $0)
        }
        return Response(status: .noContent)
    }

    func register(_ request: Request, context: FinrcaRequestContext) async throws -> Response {
        guard allowRegister else { throw APIError.notFound("registration is disabled (server.allow_register)") }
        try limiter.admit(address: context.clientAddress)
        let credentials = try await Self.decode(Credentials.self, request, context)
        try limiter.admit(username: credentials.username)
        do {
            guard UserStore.isValidName(credentials.username) else {
                throw UserStore.AddError.invalidName(credentials.username)
            }
            try UserStore.checkPassword(credentials.password)
            let hash = try await hasher.hash(credentials.password)
            let id = try await client.withConnection {
                try await users.add(username: credentials.username, passwordHash: hash, on: $0)
            }
            return .json(.object([("id", .int(id)), ("username", .string(credentials.username))]), status: .created)
        } catch let error as UserStore.AddError {
            throw APIError.refused(error)
        }
    }

    private func tokenPair(for user: AuthenticatedUser) async throws -> Response {
        let access = try await issuer.accessToken(for: user)
        let refresh = TokenIssuer.refreshToken()
        try await client.withConnection {
            try await users.storeRefreshToken(
                sha256: refresh.sha256,
                userID: user.id,
                lifetime: refreshLifetime,
                on: $0
            )
        }
        return .json(
            .object([
                ("access_token", .string(access)), ("refresh_token", .string(refresh.token)),
                ("token_type", .string("Bearer")),
                ("expires_in", .int(Int64(issuer.accessLifetime.inSeconds))),
                ("user", Self.userJSON(user)),
            ])
        )
    }

    /// `{"id", "username", "role"}` of the caller.
    static func userJSON(_ user: AuthenticatedUser) -> JSONValue {
        .object([("id", .int(user.id)), ("username", .string(user.username)), ("role", .string(user.role.rawValue))])
    }

    /// Decodes a JSON body; 400 `invalid_body` when it is not JSON of the expected shape. A route whose
    /// OpenAPI request body is optional passes `optional: true`: an empty body then reads as `{}`.
    static func decode<Body: Decodable & Sendable>(
        _ type: Body.Type,
        _ request: Request,
        _ context: FinrcaRequestContext,
        optional: Bool = false
    ) async throws -> Body {
        var request = request
        do {
            if optional, try await request.collectBody(upTo: context.maxUploadSize).readableBytes == 0 {
                return try JSONDecoder().decode(Body.self, from: Data("{}".utf8))
            }
            return try await request.decode(as: Body.self, context: context)
        } catch {
            throw APIError(.badRequest, "invalid_body", "the request body must be JSON with the documented fields")
        }
    }
}
