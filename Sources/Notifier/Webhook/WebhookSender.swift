public import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1

/// Posts webhook payloads with async-http-client; a 2xx answer is a delivery, anything else a failure.
public struct WebhookSender: Sendable {
    /// Why a delivery failed, safe to store in `alerts.last_error`.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The HTTP status, when the receiver answered.
        public var status: Int?
        /// What happened.
        public var description: String
    }

    private let client: HTTPClient
    private let timeout: Duration

    /// Creates a sender using `client` (owned by the caller) with a per-request `timeout`.
    public init(client: HTTPClient, timeout: Duration = .seconds(10)) {
        self.client = client
        self.timeout = timeout
    }

    /// Sends `payload` to `url`.
    public func send(_ payload: WebhookPayload, to url: String) async throws(Failure) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "finrca-notifier")
        for (name, value) in payload.headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: payload.body))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(timeout.components.seconds))
        } catch {
            throw Failure(status: nil, description: "webhook \(url): \(error)")
        }
        let status = Int(response.status.code)
        _ = try? await response.body.collect(upTo: 64 * 1024)
        guard (200..<300).contains(status) else {
            throw Failure(status: status, description: "webhook \(url) answered HTTP \(status)")
        }
    }
}
