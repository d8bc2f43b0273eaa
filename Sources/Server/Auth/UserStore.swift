public import Foundation
public import Logging
public import PostgresNIO
public import Shared

/// `api_users` and `api_refresh_tokens`.
public struct UserStore: Sendable {
    /// A user as listed by `finrca user list`.
    public struct User: Sendable, Equatable {
        /// `api_users.id`.
        public var id: Int64
        /// The name.
        public var username: String
        /// What the user may do.
        public var role: UserRole
        /// Whether the user may log in.
        public var disabled: Bool
        /// When the user was added.
        public var createdAt: Date
    }

    /// Why a user could not be added.
    public enum AddError: Error, Equatable, CustomStringConvertible {
        /// The name is taken.
        case taken(String)
        /// The name has characters outside `A–Z a–z 0–9 . _ @ -` or is longer than 64.
        case invalidName(String)
        /// The password is shorter than 12 characters.
        case weakPassword
        /// The password holds a NUL byte, or is longer than the 72 bytes bcrypt reads (the rest would be ignored).
        case unusablePassword(String)

        /// The reason, for the terminal and the API.
        public var description: String {
            switch self {
            case .taken(let name): "user \(name) already exists"
            case .invalidName(let name):
                "user name \(String(reflecting: name)) must be 1-64 characters of A-Z a-z 0-9 . _ @ -"
            case .weakPassword: "the password must be at least 12 characters long"
            case .unusablePassword(let reason): reason
            }
        }
    }

    private let logger: Logger

    /// Creates the store.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Adds a user with an already computed password hash and `role`; returns the id.
    ///
    /// - Throws: ``AddError`` for a bad or taken name (the password is checked by the caller before hashing).
    public func add(
        username: String,
        passwordHash: String,
        role: UserRole = .viewer,
        on connection: PostgresConnection
    ) async throws -> Int64 {
        guard Self.isValidName(username) else { throw AddError.invalidName(username) }
        var id: Int64?
        for try await value
            in try await connection.query(
                """
                INSERT INTO api_users (username, password_hash, role) VALUES (\(username), \(passwordHash), \(role.rawValue))
                ON CONFLICT (username) DO NOTHING RETURNING id
                """,
                logger: logger
            )
            .decode(Int64.self)
        { id = value }
        guard let id else { throw AddError.taken(username) }
        return id
    }

    /// Whether `password` can be used: at least 12 characters, and as bytes (what bcrypt hashes) no NUL and at most
    /// 72 bytes: bcrypt stops at a NUL and ignores every byte after the 72nd, so a longer password would be
    /// accepted with only its start checked.
    public static func checkPassword(_ password: String) throws(AddError) {
        guard password.count >= 12 else { throw .weakPassword }
        let bytes = password.utf8
        guard !bytes.contains(0) else { throw .unusablePassword("the password must not contain a NUL character") }
        guard bytes.count <= 72 else {
            throw .unusablePassword(
                "the password is \(bytes.count) bytes in UTF-8; bcrypt checks at most 72, so use at most 72 bytes"
            )
        }
    }

    /// Whether `name` is an allowed user name.
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy {
                ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122)
                    || [46, 95, 64, 45].contains($0)
            }
    }

    /// The users by name, at most `limit` of them (nil = all).
    public func list(limit: Int? = nil, on connection: PostgresConnection) async throws -> [User] {
        var users: [User] = []
        for try await (id, name, role, disabled, created)
            in try await connection.query(
                """
                SELECT id, username, role, disabled, created_at FROM api_users ORDER BY username
                LIMIT \(limit.map(Int64.init))
                """,
                logger: logger
            )
            .decode((Int64, String, String, Bool, Date).self)
        {
            users.append(
                User(
                    id: id,
                    username: name,
                    role: UserRole(rawValue: role) ?? .viewer,
                    disabled: disabled,
                    createdAt: created
                )
            )
        }
        return users
    }

    /// Sets the role of `username`; returns whether the user exists.
    public func setRole(_ role: UserRole, username: String, on connection: PostgresConnection) async throws -> Bool {
        var found = false
        for try await _
            in try await connection.query(
                "UPDATE api_users SET role = \(role.rawValue) WHERE username = \(username) RETURNING id",
                logger: logger
            )
            .decode(Int64.self)
        { found = true }
        return found
    }

    /// Disables `username` and revokes its refresh tokens; returns whether the user exists.
    public func disable(username: String, on connection: PostgresConnection) async throws -> Bool {
        var found = false
        for try await _
            in try await connection.query(
                """
                WITH disabled AS (UPDATE api_users SET disabled = true WHERE username = \(username) RETURNING id),
                     revoked AS (UPDATE api_refresh_tokens SET revoked_at = now()
                                 WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM disabled))
                SELECT id FROM disabled
                """,
                logger: logger
            )
            .decode(Int64.self)
        { found = true }
        return found
    }

    /// The id, password hash, role and disabled flag of `username`, if it exists.
    public func credentials(username: String, on connection: PostgresConnection) async throws
        -> (id: Int64, hash: String, role: UserRole, disabled: Bool)?
    {
        var result: (Int64, String, UserRole, Bool)?
        for try await (id, hash, role, disabled)
            in try await connection.query(
                "SELECT id, password_hash, role, disabled FROM api_users WHERE username = \(username)",
                logger: logger
            )
            .decode((Int64, String, String, Bool).self)
        { result = (id, hash, UserRole(rawValue: role) ?? .viewer, disabled) }
        return result
    }

    /// Stores a refresh token's hash for `userID`, valid for `lifetime`.
    public func storeRefreshToken(sha256: String, userID: Int64, lifetime: Duration, on connection: PostgresConnection)
        async throws
    {
        try await connection.query(
            """
            INSERT INTO api_refresh_tokens (user_id, token_sha256, expires_at)
            VALUES (\(userID), \(sha256), now() + make_interval(secs => \(lifetime.inSeconds)))
            """,
            logger: logger
        )
    }

    /// Revokes the refresh token with `sha256` and returns its user when it was valid (not revoked, not expired,
    /// user enabled). Presenting an already revoked token revokes every token of its user (a stolen token
    /// was used after rotation) and returns nil.
    public func redeemRefreshToken(sha256: String, on connection: PostgresConnection) async throws -> AuthenticatedUser?
    {
        // One statement checks and revokes, so two concurrent refreshes with the same token cannot both win.
        var redeemed: AuthenticatedUser?
        for try await (id, name, role)
            in try await connection.query(
                """
                UPDATE api_refresh_tokens t SET revoked_at = now() FROM api_users u
                WHERE t.token_sha256 = \(sha256) AND t.revoked_at IS NULL AND t.expires_at > now()
                  AND u.id = t.user_id AND NOT u.disabled
                RETURNING t.user_id, u.username, u.role
                """,
                logger: logger
            )
            .decode((Int64, String, String).self)
        { redeemed = AuthenticatedUser(id: id, username: name, role: UserRole(rawValue: role) ?? .viewer) }
        if let redeemed { return redeemed }
        var reused: (Int64, String)?
        for try await row
            in try await connection.query(
                """
                SELECT t.user_id, u.username FROM api_refresh_tokens t JOIN api_users u ON u.id = t.user_id
                WHERE t.token_sha256 = \(sha256) AND t.revoked_at IS NOT NULL AND t.expires_at > now()
                """,
                logger: logger
            )
            .decode((Int64, String).self)
        { reused = row }
        if let (userID, username) = reused {
            try await connection.query(
                "UPDATE api_refresh_tokens SET revoked_at = now() WHERE user_id = \(userID) AND revoked_at IS NULL",
                logger: logger
            )
            logger.warning(
                "revoked refresh token presented again; all of the user's sessions revoked",
                metadata: ["user": .string(username)]
            )
        }
        return nil
    }

    /// Revokes the refresh token with `sha256`, if it exists.
    public func revokeRefreshToken(sha256: String, on connection: PostgresConnection) async throws {
        try await connection.query(
            "UPDATE api_refresh_tokens SET revoked_at = now() WHERE token_sha256 = \(sha256) AND revoked_at IS NULL",
            logger: logger
        )
    }
}
