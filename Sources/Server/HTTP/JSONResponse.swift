import Hummingbird
import NIOCore
import Shared

extension Response {
    /// A JSON response with `value` as its body.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: value.text)))
    }
}
