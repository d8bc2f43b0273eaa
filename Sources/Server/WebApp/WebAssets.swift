import CompressNIO
import Crypto
public import Foundation
public import NIOCore

/// The web app's files, read once at start-up from a folder (the repository's `WebApp/`, or the installed
/// `share/finrca/web`): bytes, gzip-compressed bytes, content type and ETag of each, and a version (a hash of
/// every file) that names the immutable URL prefix `/app/<version>/`. `index.html` gets that prefix and a
/// `modulepreload` link for each JavaScript module written in.
public struct WebAssets: Sendable {
    /// One file ready to serve.
    public struct Asset: Sendable {
        /// The bytes.
        public var body: ByteBuffer
        /// The bytes compressed with gzip, when that is smaller.
        public var gzipBody: ByteBuffer?
        /// `Content-Type`.
        public var contentType: String
        /// A strong validator.
        public var etag: String
    }

    /// Why a folder could not be served.
    public struct LoadError: Error, CustomStringConvertible {
        /// What is wrong, naming the path.
        public var description: String
    }

    /// Extensions served, with their content types; other files (tests, notes) are left out.
    static let contentTypes = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "ico": "image/x-icon", "woff2": "font/woff2",
    ]
    /// Folders of `WebApp/` that are not part of the app.
    static let skippedFolders: Set<String> = ["tests", "e2e", "node_modules"]
    /// At most this many bytes in all.
    static let maximumBytes = 16 << 20

    /// The hash naming this set of files, 12 hex digits.
    public let version: String
    /// Files by path relative to the folder, e.g. `js/main.js`.
    public let files: [String: Asset]
    /// `index.html` with the version and preloads written in.
    public let index: Asset

    /// Reads every servable file under `directory`.
    ///
    /// - Throws: ``LoadError`` when the folder has no `index.html`, cannot be read or is larger than 16 MiB.
    public static func load(directory: URL) throws -> WebAssets {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw LoadError(description: "cannot read the web app folder \(directory.path)")
        }
        var contents: [(path: String, data: Data)] = []
        var total = 0
        let base = directory.standardizedFileURL.path
        for case let url as URL in enumerator {
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            if skippedFolders.contains(url.lastPathComponent) || relative.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            guard contentTypes[url.pathExtension.lowercased()] != nil,
                (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
            else { continue }
            let data = try Data(contentsOf: url)
            total += data.count
            guard total <= maximumBytes else {
                throw LoadError(description: "the web app folder \(base) is larger than 16 MiB")
            }
            contents.append((relative, data))
        }
        contents.sort { $0.path < $1.path }
        guard let indexData = contents.first(where: { $0.path == "index.html" })?.data else {
            throw LoadError(description: "the web app folder \(base) has no index.html")
        }
        var hasher = SHA256()
        for (path, data) in contents {
            hasher.update(data: Data(path.utf8))
            hasher.update(data: data)
        }
        let version = hasher.finalize().prefix(6).map { String(format: "%02x", $0) }.joined()
        var files: [String: Asset] = [:]
        for (path, data) in contents where path != "index.html" {
            files[path] = try asset(
                data,
                type: contentTypes[(path as NSString).pathExtension.lowercased()] ?? "application/octet-stream"
            )
        }
        let preloads = contents.map(\.path).filter { $0.hasPrefix("js/") && $0.hasSuffix(".js") }
            .map { "<link rel=\"modulepreload\" href=\"/app/\(version)/\($0)\">" }.joined(separator: "\n    ")
        let html = String(decoding: indexData, as: UTF8.self)
            .replacingOccurrences(of: "<!-- modulepreload -->", with: preloads)
            .replacingOccurrences(of: "{{VERSION}}", with: version)
        return WebAssets(version: version, files: files, index: try asset(Data(html.utf8), type: contentTypes["html"]!))
    }

    static func asset(_ data: Data, type: String) throws -> Asset {
        let body = ByteBuffer(bytes: data)
        var gzipBody: ByteBuffer?
        if !type.hasPrefix("image/png"), data.count > 256 {
            var source = body
            let compressed = try source.compress(with: .gzip())
            if compressed.readableBytes < data.count { gzipBody = compressed }
        }
        let digest = SHA256.hash(data: data).prefix(8).map { String(format: "%02x", $0) }.joined()
        return Asset(body: body, gzipBody: gzipBody, contentType: type, etag: "\"w-\(digest)\"")
    }

    /// The folder to serve: `configured` when given, else `../share/finrca/web` beside the running binary when
    /// it has an `index.html`; nil when there is none (the server then answers `/` with JSON only).
    public static func directory(configured: String?, executable: URL? = Bundle.main.executableURL) -> URL? {
        if let configured { return URL(fileURLWithPath: configured, isDirectory: true) }
        guard let executable else { return nil }
        let installed = executable.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/finrca/web", isDirectory: true)
        return FileManager.default.fileExists(atPath: installed.appendingPathComponent("index.html").path)
            ? installed : nil
    }
}
