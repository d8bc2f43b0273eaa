public import Hummingbird
public import Logging
import PostgresNIO
import Shared

/// Answers the database's refusals as what they are, not as 500: a statement cancelled by `statement_timeout`
/// (SQLSTATE 57014) is 503 `query_timeout`; a database that cannot be reached, or is shutting down or starting
/// (the connection failed or was lost, SQLSTATE class 08, 57P01–57P03), is 503 `database_unavailable` with `Retry-After`.
/// Other errors pass on unchanged.
public struct DatabaseErrorMiddleware: RouterMiddleware {
    /// The request context.
    public typealias Context = FinrcaRequestContext

    let logger: Logger

    /// Creates the middleware logging what it maps to `logger`.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Runs the route, mapping database errors.
    public func handle(
        _ request: Request,
        context: Context,
        next: @concurrent (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            guard let mapped = Self.mapped(error) else { throw error }
            logger.warning(
                "database refused a request",
                metadata: [
                    "hb.request.path": .string(request.uri.path), "code": .string(mapped.code),
                    "error": .string(Database.describe(error)),
                ]
            )
            throw mapped
        }
    }

    /// The API error for a database error, or nil when `error` is not one of those above.
    static func mapped(_ error: any Error) -> APIError? {
        let state = Database.sqlState(error)
        if state == "57014" {
            return APIError(
                .serviceUnavailable,
                "query_timeout",
                "the query took longer than this route allows; narrow the request or try again later"
            )
        }
        let lost: [PSQLError.Code] = [
            .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
        ]
        let unreachable =
            state.map { $0.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains($0) }
            ?? Self.driverError(error).map { lost.contains($0.code) } ?? false
        guard unreachable else { return nil }
        return APIError(
            .serviceUnavailable,
            "database_unavailable",
            "the database cannot be reached; try again shortly",
            headers: [.retryAfter: "5"]
        )
    }

    /// The driver's error inside `error` (a transaction's wraps the failing step's).
    private static func driverError(_ error: any Error) -> PSQLError? {
        if let error = error as? PostgresTransactionError {
            return (error.closureError ?? error.commitError ?? error.beginError).flatMap(driverError)
        }
        return error as? PSQLError
    }
}
