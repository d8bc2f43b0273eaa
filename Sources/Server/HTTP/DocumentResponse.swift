import Foundation
public import Hummingbird

extension ServedDocument {
    /// The response to `request`: 304 when `If-None-Match` names this document's ETag (or is `*`), else the
    /// JSON, gzip-compressed when the client accepts gzip. Always `ETag`, `Cache-Control: private, no-cache`
    /// (revalidate every time; a new run changes the ETag) and `Vary: Accept-Encoding`.
    public func response(to request: Request) -> Response {
        var headers: HTTPFields = [
            .eTag: etag, .cacheControl: "private, no-cache", .vary: "Accept-Encoding",
        ]
        if let condition = request.headers[.ifNoneMatch], Self.matches(condition, etag: etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = "application/json; charset=utf-8"
        if Self.acceptsGzip(request.headers[.acceptEncoding]) {
            headers[.contentEncoding] = "gzip"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: gzipBody))
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    /// Whether an `If-None-Match` value lists `etag` (weak comparison) or is `*`.
    static func matches(_ condition: String, etag: String) -> Bool {
        condition.split(separator: ",")
            .contains { candidate in
                let trimmed = candidate.trimmingCharacters(in: .whitespaces)
                return trimmed == "*" || trimmed == etag || trimmed == "W/" + etag
            }
    }

    /// Whether an `Accept-Encoding` value accepts gzip (`gzip` or `*` without `q=0`).
    static func acceptsGzip(_ value: String?) -> Bool {
        guard let value else { return false }
        return value.split(separator: ",")
            .contains { item in
                let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else {
                    return false
                }
                return !parts.dropFirst()
                    .contains {
                        $0.replacingOccurrences(of: " ", with: "").hasPrefix("q=0")
                            && !$0.contains(where: { "123456789".contains($0) })
                    }
            }
    }
}
