/// What an API user may do. Stored in `api_users.role` (migration 6) and carried in the access token.
///
/// - `viewer`: read every document, finding and line, use the chat.
/// - `reviewer`: as viewer, and record reviews of findings.
/// - `admin`: as reviewer, and manage users.
public enum UserRole: String, CaseIterable, Sendable, Hashable, Codable {
    case viewer
    case reviewer
    case admin

    /// Whether the role may record a finding's review.
    public var mayReview: Bool { self != .viewer }

    /// Whether the role may add users, change roles and disable users.
    public var mayManageUsers: Bool { self == .admin }
}
