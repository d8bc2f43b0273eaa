public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Shared

/// Posts webhook payloads with async-http-client; a 2xx answer is a delivery, anything else a failure.
public struct WebhookSender: Sendable {
    /// Why a delivery failed, safe to store in `alerts.last_error`.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The HTTP status, when the receiver answered.
        public var status: Int?
        /// What happened.
        public var description: String

        /// Creates a failure.
        public init(status: Int?, description: String) {
            self.status = status
            self.description = description
        }

        /// Whether another attempt may succeed: no answer at all, or any status but 400, 410, 413 and 422,
        /// which say the request itself will never be accepted.
        public var isTransient: Bool {
            guard let status else { return true }
            return ![400, 410, 413, 422].contains(status)
        }
    }

    private let client: HTTPClient
    private let timeout: Duration

    /// A client for webhooks: connection failures fail the attempt at once (the outbox's backoff retries it,
    /// across passes) instead of being retried inside the attempt until its timeout; `connectTimeout` bounds a
    /// connection attempt to a host that does not answer. The caller shuts it down.
    public static func makeClient(connectTimeout: Duration = .seconds(5)) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(connectTimeout.components.seconds)
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

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
            // The URL of a Slack or Teams webhook is a secret: errors (stored, logged) name only its host.
            let shown = AlertRoute.redacted(url: url)
            throw Failure(
                status: nil,
                description: "webhook \(shown): \("\(error)".replacingOccurrences(of: url, with: shown))"
            )
        }
        let status = Int(response.status.code)
        _ = try? await response.body.collect(upTo: 64 * 1024)
        guard (200..<300).contains(status) else {
            throw Failure(
                status: status,
                description: "webhook \(AlertRoute.redacted(url: url)) answered HTTP \(status)"
            )
        }
    }
}
