import Foundation
public import Hummingbird
public import Logging
public import PostgresNIO
import Shared

/// `POST /findings/{id}/review` (reviewers and admins only: 403 otherwise), `GET /findings/{id}/reviews`, and the
/// suppression rules reviews make: `GET /rules`, `DELETE /rules/{id}` (reviewers and admins).
public struct ReviewController: Sendable {
    struct ReviewBody: Decodable {
        var status: String
        var note: String?
        /// With `expected`: `supplier_amount`, `account` or `pattern`.
        var rule: String?
    }

    let client: PostgresClient
    let logger: Logger

    /// Creates the controller.
    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Adds the routes to `group` (which requires a token).
    public func add(to group: some RouterMethods<FinrcaRequestContext>) {
        group.post("/findings/:id/review") { request, context in
            let user = try Self.reviewer(context)
            let id = try Self.findingID(context)
            let body = try await AuthController.decode(ReviewBody.self, request, context)
            guard let status = ReviewStatus(rawValue: body.status) else {
                throw APIError.badParameter("status", "status must be one of \(ReviewStatus.choices)")
            }
            let rule = try body.rule.map { text in
                guard let scope = SuppressionRule.Scope(rawValue: text) else {
                    throw APIError.badParameter("rule", "rule must be one of \(SuppressionRule.Scope.choices)")
                }
                return scope
            }
            let review = FindingReview(status: status, reviewer: user.username, note: body.note, rule: rule)
            do {
                try await client.withConnection { connection in
                    try await ReviewStore(logger: logger).record(review, onFinding: id, on: connection)
                }
            } catch let error as ReviewStore.ReviewError {
                switch error {
                case .unknownFinding: throw APIError.notFound(error.description)
                case .noteTooLong: throw APIError.badParameter("note", error.description)
                case .ruleNeedsExpected, .ruleNotApplicable: throw APIError.badParameter("rule", error.description)
                }
            }
            return try await FindingsController(client: client, logger: logger).one(id)
        }
        group.get("/rules") { request, _ in
            let removed = request.uri.queryParameters.get("removed") ?? "false"
            guard ["true", "false"].contains(removed) else {
                throw APIError.badParameter("removed", "removed is true or false")
            }
            let all = removed == "true"
            let limit = try FindingsController.limit(
                request.uri.queryParameters.get("limit"),
                default: 200,
                maximum: 1000
            )
            let rules = try await client.withConnection { connection in
                try await SuppressionRuleStore(logger: logger).list(includingRemoved: all, limit: limit, on: connection)
            }
            return Response.json(
                text: JSONValue.object([("rules", .array(rules.map(Self.json)))]).text,
                cacheControl: "private, no-cache"
            )
        }
        group.delete("/rules/:id") { _, context in
            let user = try Self.reviewer(context)
            guard let id = context.parameters.get("id", as: Int64.self) else {
                throw APIError.badParameter("id", "a rule id is a whole number")
            }
            let removed = try await client.withConnection { connection in
                try await SuppressionRuleStore(logger: logger).remove(id, by: user.username, on: connection)
            }
            guard removed else { throw APIError.notFound("no active rule \(id)") }
            return Response(status: .noContent)
        }
        group.get("/findings/:id/reviews") { request, context in
            let id = try Self.findingID(context)
            let limit = try FindingsController.limit(
                request.uri.queryParameters.get("limit"),
                default: 200,
                maximum: 1000
            )
            let rows = try await ReviewStore(logger: logger).history(findingID: id, limit: limit, on: client)
            return Response.json(
                text: "{\"reviews\":[" + rows.joined(separator: ",") + "]}",
                cacheControl: "private, no-cache"
            )
        }
    }

    /// The request's user when they may review; 403 otherwise.
    static func reviewer(_ context: FinrcaRequestContext) throws -> AuthenticatedUser {
        let user = try context.requireUser()
        guard user.role.mayReview else {
            throw APIError(.forbidden, "forbidden", "only users with the reviewer or admin role may review findings")
        }
        return user
    }

    static func findingID(_ context: FinrcaRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self), id > 0 else {
            throw APIError.badParameter("id", "a finding id is a whole number from 1")
        }
        return id
    }

    /// A rule as the API shows it.
    static func json(_ stored: StoredRule) -> JSONValue {
        let rule = stored.rule
        return .object([
            ("id", .int(rule.id)), ("scope", .string(rule.scope.rawValue)),
            ("kind", rule.kind.map { .string($0.rawValue) } ?? .null), ("dimensions", rule.dimensionsJSON),
            ("amount", rule.amount.map { .decimal($0) } ?? .null), ("currency", .string(rule.currency)),
            ("source_finding_id", stored.sourceFindingID.map { .int($0) } ?? .null),
            ("note", stored.note.map { .string($0) } ?? .null), ("created_by", .string(stored.createdBy)),
            ("created_at", .string(ISO8601DateFormatter().string(from: stored.createdAt))),
            ("removed_at", stored.removedAt.map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null),
        ])
    }
}
