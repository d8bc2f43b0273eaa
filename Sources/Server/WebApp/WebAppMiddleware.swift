import Foundation
import HTTPTypes
public import Hummingbird

/// Serves the web app beside the API on the same port:
/// - `GET /` with `Accept: text/html` (a browser) → the app's `index.html`; other clients get the API's JSON;
/// - `GET /app/<version>/<file>` → the file; immutable for a year when `<version>` is current;
/// - a browser's `GET /findings/{id}` without a token (a link from an alert) → 303 to `/#/findings/{id}`.
///
/// Every HTML response carries a strict Content-Security-Policy (scripts and styles from this origin only).
public struct WebAppMiddleware: RouterMiddleware {
    /// The request context.
    public typealias Context = FinrcaRequestContext

    /// The Content-Security-Policy of the app's page.
    public static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:",
        "connect-src 'self'",
        "font-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ]
    .joined(separator: "; ")

    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!

    let assets: WebAssets

    /// Creates the middleware serving `assets`.
    public init(assets: WebAssets) {
        self.assets = assets
    }

    /// Serves the app's files and its page to browsers; passes every other request on.
    public func handle(
        _ request: Request,
        context: Context,
        next: @concurrent (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .get || request.method == .head else { return try await next(request, context) }
        let path = request.uri.path
        if path.hasPrefix("/app/") { return file(path, request: request) }
        guard Self.wantsHTML(request.headers[.accept]) else { return try await next(request, context) }
        if path == "/" || path == "/index.html" {
            return respond(assets.index, request: request, cache: "no-cache", html: true)
        }
        if request.headers[.authorization] == nil, let id = Self.findingID(path) {
            return Response(status: .seeOther, headers: [.location: "/#/findings/\(id)", .cacheControl: "no-store"])
        }
        return try await next(request, context)
    }

    func file(_ path: String, request: Request) -> Response {
        let parts = path.dropFirst("/app/".count).split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let asset = assets.files[String(parts[1])] else {
            return Response(
                status: .notFound,
                headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: .init(string: "no such file\n"))
            )
        }
        let current = parts[0] == assets.version
        return respond(
            asset,
            request: request,
            cache: current ? "public, max-age=31536000, immutable" : "no-cache",
            html: false
        )
    }

    func respond(_ asset: WebAssets.Asset, request: Request, cache: String, html: Bool) -> Response {
        var headers: HTTPFields = [
            .eTag: asset.etag, .cacheControl: cache, .vary: "Accept-Encoding, Accept", .xContentTypeOptions: "nosniff",
        ]
        if html {
            headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
            headers[Self.referrerPolicy] = "no-referrer"
            headers[Self.frameOptions] = "DENY"
        }
        if let condition = request.headers[.ifNoneMatch], ServedDocument.matches(condition, etag: asset.etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = asset.contentType
        if let zipped = asset.gzipBody, ServedDocument.acceptsGzip(request.headers[.acceptEncoding]) {
            headers[.contentEncoding] = "gzip"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: zipped))
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
    }

    /// Whether an `Accept` header asks for HTML (browsers navigating do; curl and API clients do not).
    static func wantsHTML(_ accept: String?) -> Bool {
        guard let accept else { return false }
        return accept.split(separator: ",")
            .contains { item in
                let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                return parts.first == "text/html"
                    && !parts.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "") == "q=0" }
            }
    }

    /// The id in `/findings/<digits>`.
    static func findingID(_ path: String) -> Int64? {
        guard path.hasPrefix("/findings/") else { return nil }
        return Int64(path.dropFirst("/findings/".count))
    }
}
