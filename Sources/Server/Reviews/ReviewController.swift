public import Hummingbird
public import Logging
public import PostgresNIO
import Shared

/// `POST /findings/{id}/review` (reviewers and admins only: 403 otherwise) and `GET /findings/{id}/reviews`.
public struct ReviewController: Sendable {
    struct ReviewBody: Decodable {
        var status: String
        var note: String?
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
            let user = try context.requireUser()
            guard user.role.mayReview else {
                throw APIError(
                    .forbidden,
                    "forbidden",
                    "only users with the reviewer or admin role may review findings"
                )
            }
            let id = try Self.findingID(context)
            let body = try await AuthController.decode(ReviewBody.self, request, context)
            guard let status = ReviewStatus(rawValue: body.status) else {
                throw APIError.badParameter("status", "status must be one of \(ReviewStatus.choices)")
            }
            let review = FindingReview(status: status, reviewer: user.username, note: body.note)
            do {
                try await client.withConnection { connection in
                    try await ReviewStore(logger: logger).record(review, onFinding: id, on: connection)
                }
            } catch let error as ReviewStore.ReviewError {
                switch error {
                case .unknownFinding: throw APIError.notFound(error.description)
                case .noteTooLong: throw APIError.badParameter("note", error.description)
                }
            }
            return try await FindingsController(client: client, logger: logger).one(id)
        }
        group.get("/findings/:id/reviews") { _, context in
            let id = try Self.findingID(context)
            let rows = try await ReviewStore(logger: logger).history(findingID: id, on: client)
            return Response.json(
                text: "{\"reviews\":[" + rows.joined(separator: ",") + "]}",
                cacheControl: "private, no-cache"
            )
        }
    }

    static func findingID(_ context: FinrcaRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else {
            throw APIError.badParameter("id", "a finding id is a whole number")
        }
        return id
    }
}
