public import Shared

/// The caller of a request with a valid access token.
public struct AuthenticatedUser: Sendable, Equatable {
    /// `api_users.id`.
    public var id: Int64
    /// The user name.
    public var username: String
    /// What the user may do, as of when the token was issued.
    public var role: UserRole

    /// Creates a user value.
    public init(id: Int64, username: String, role: UserRole = .viewer) {
        self.id = id
        self.username = username
        self.role = role
    }
}
