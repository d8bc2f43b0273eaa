import Hummingbird
import NIOCore
import Shared

extension Response {
    /// A JSON response with `value` as its body.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        json(text: value.text, status: status)
    }

    /// A JSON response with `text` (already JSON) as its body.
    static func json(text: String, status: HTTPResponse.Status = .ok, cacheControl: String = "no-store") -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: cacheControl],
            body: .init(byteBuffer: ByteBuffer(string: text))
        )
    }
}
