public import Hummingbird
import NIOCore
import Shared

/// An error answered as `{"error": {"code": "...", "message": "..."}}` with its HTTP status.
public struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A stable machine-readable code, e.g. `unknown_dimension`.
    public var code: String
    /// A sentence for people.
    public var message: String
    /// Extra response headers (e.g. `WWW-Authenticate`).
    public var headers: HTTPFields = [:]

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// `<status> <code>: <message>`.
    public var description: String { "\(status.code) \(code): \(message)" }

    /// 400 for a parameter outside its allowed values.
    public static func badParameter(_ name: String, _ message: String) -> APIError {
        APIError(.badRequest, "invalid_\(name)", message)
    }

    /// 401 with `WWW-Authenticate: Bearer`.
    public static func unauthorized(_ message: String) -> APIError {
        APIError(.unauthorized, "unauthorized", message, headers: [.wwwAuthenticate: "Bearer realm=\"finrca\""])
    }

    /// 404.
    public static func notFound(_ message: String) -> APIError {
        APIError(.notFound, "not_found", message)
    }

    /// 503 before the first detector run.
    public static let noRun = APIError(
        .serviceUnavailable,
        "no_detector_run",
        "no detector run has finished yet; run `finrca detect` (or wait for the nightly scan)"
    )

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = JSONValue.object([("error", .object([("code", .string(code)), ("message", .string(message))]))]).text
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
