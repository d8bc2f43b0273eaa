/// The caller of a request with a valid access token.
public struct AuthenticatedUser: Sendable, Equatable {
    /// `api_users.id`.
    public var id: Int64
    /// The user name.
    public var username: String

    /// Creates a user value.
    public init(id: Int64, username: String) {
        self.id = id
        self.username = username
    }
}
