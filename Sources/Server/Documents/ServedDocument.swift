import CompressNIO
import Crypto
import Foundation
public import NIOCore
public import Shared

/// One dashboard document ready to serve: its JSON bytes, the same gzip-compressed, an ETag, and the parsed
/// value (for the chat and for composed documents).
public struct ServedDocument: Sendable {
    /// The document's name, e.g. `eda_summary`.
    public var name: String
    /// The JSON bytes as stored.
    public var body: ByteBuffer
    /// `body` compressed with gzip.
    public var gzipBody: ByteBuffer
    /// A strong validator: `"r<run>-<first 16 hex digits of SHA-256(body)>"`.
    public var etag: String
    /// The parsed content, numbers exact.
    public var content: JSONValue

    /// Prepares `text` of run `runID` for serving.
    ///
    /// - Throws: ``JSONParsingError`` when the text is not JSON; compression errors.
    public init(name: String, text: String, runID: Int64) throws {
        self.name = name
        content = try JSONValue(parsing: text)
        body = ByteBuffer(string: text)
        var source = body
        gzipBody = try source.compress(with: .gzip())
        let digest = SHA256.hash(data: Data(text.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
        etag = "\"r\(runID)-\(digest)\""
    }

    /// Prepares a document composed in memory.
    public init(name: String, content: JSONValue, runID: Int64) throws {
        try self.init(name: name, text: content.text, runID: runID)
    }
}
