import Foundation
public import Hummingbird
public import Logging
public import PostgresNIO
import Shared

/// `GET /users`, `POST /users` and `PATCH /users/{username}` (role, disabled): admins only, 403 otherwise.
public struct UsersController: Sendable {
    struct NewUser: Decodable {
        var username: String
        var password: String
        var role: String?
    }

    struct Change: Decodable {
        var role: String?
        var disabled: Bool?
    }

    let client: PostgresClient
    let hasher: PasswordHasher
    let logger: Logger

    /// Creates the controller.
    public init(client: PostgresClient, hasher: PasswordHasher, logger: Logger) {
        self.client = client
        self.hasher = hasher
        self.logger = logger
    }

    private var users: UserStore { UserStore(logger: logger) }

    /// Adds the routes to `group` (which requires a token).
    public func add(to group: some RouterMethods<FinrcaRequestContext>) {
        group.get("/users") { request, context in
            try Self.requireAdmin(context)
            let limit = try FindingsController.limit(
                request.uri.queryParameters.get("limit"),
                default: 200,
                maximum: 1000
            )
            let list = try await client.withConnection { try await users.list(limit: limit, on: $0) }
            let formatter = ISO8601DateFormatter()
            return Response.json(
                .object([
                    (
                        "users",
                        .array(
                            list.map { user in
                                .object([
                                    ("id", .int(user.id)), ("username", .string(user.username)),
                                    ("role", .string(user.role.rawValue)),
                                    ("disabled", .bool(user.disabled)),
                                    ("created_at", .string(formatter.string(from: user.createdAt))),
                                ])
                            }
                        )
                    )
                ])
            )
        }
        group.post("/users") { request, context in
            try Self.requireAdmin(context)
            let body = try await AuthController.decode(NewUser.self, request, context)
            let role = try Self.role(body.role ?? UserRole.viewer.rawValue)
            do {
                guard UserStore.isValidName(body.username) else { throw UserStore.AddError.invalidName(body.username) }
                try UserStore.checkPassword(body.password)
                let hash = try await hasher.hash(body.password)
                let id = try await client.withConnection {
                    try await users.add(username: body.username, passwordHash: hash, role: role, on: $0)
                }
                let user = JSONValue.object([
                    ("id", .int(id)), ("username", .string(body.username)), ("role", .string(role.rawValue)),
                ])
                return Response.json(user, status: .created)
            } catch let error as UserStore.AddError {
                throw APIError.refused(error)
            }
        }
        group.patch("/users/:username") { request, context in
            let admin = try Self.requireAdmin(context)
            let username = context.parameters.get("username") ?? ""
            let body = try await AuthController.decode(Change.self, request, context)
            if username == admin.username,
                body.disabled == true || (body.role.map { $0 != UserRole.admin.rawValue } ?? false)
            {
                throw APIError(.conflict, "own_account", "an admin cannot disable or demote their own account")
            }
            let role = try body.role.map(Self.role)
            let found = try await client.withConnection { connection -> Bool in
                var found = true
                if let role { found = try await users.setRole(role, username: username, on: connection) }
                if found, body.disabled == true { found = try await users.disable(username: username, on: connection) }
                return found
            }
            guard found else { throw APIError.notFound("no user \(username)") }
            logger.notice("user changed", metadata: ["user": .string(username), "by": .string(admin.username)])
            return Response(status: .noContent)
        }
    }

    @discardableResult
    static func requireAdmin(_ context: FinrcaRequestContext) throws -> AuthenticatedUser {
        let user = try context.requireUser()
        guard user.role.mayManageUsers else { throw APIError(.forbidden, "forbidden", "only admins may manage users") }
        return user
    }

    static func role(_ text: String) throws -> UserRole {
        guard let role = UserRole(rawValue: text) else {
            throw APIError.badParameter(
                "role",
                "role must be one of \(UserRole.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return role
    }
}
