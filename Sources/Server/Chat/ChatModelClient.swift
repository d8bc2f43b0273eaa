public import AsyncHTTPClient
import Foundation
public import Logging
import NIOCore
import NIOHTTP1
import Shared

/// Calls an OpenAI-compatible chat-completions endpoint (OpenRouter by default) to phrase an answer from its
/// facts: a per-request timeout, up to two retries after a network error, HTTP 429 or 5xx (0.5 s, then 1 s).
public struct ChatModelClient: Sendable {
    /// Why the model gave no text.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What happened, without the key.
        public var description: String
    }

    private let client: HTTPClient
    private let url: String
    private let apiKey: String
    private let prompt: LLMPrompt
    private let timeout: Duration
    private let logger: Logger

    /// Creates a client for `url` with `apiKey` (from `OPENROUTER_API_KEY`).
    public init(client: HTTPClient, url: String, apiKey: String, model: String, timeout: Duration, logger: Logger) {
        self.client = client
        self.url = url
        self.apiKey = apiKey
        prompt = LLMPrompt(model: model)
        self.timeout = timeout
        self.logger = logger
    }

    /// The model's phrasing of `answer` to `question`.
    public func phrase(question: String, answer: ChatAnswer) async throws(Failure) -> String {
        let body = prompt.requestBody(question: question, answer: answer).text
        var lastFailure = Failure(description: "not tried")
        for attempt in 0..<3 {
            if attempt > 0 { try? await Task.sleep(for: .milliseconds(500 * attempt)) }
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Authorization", value: "Bearer \(apiKey)")
            request.body = .bytes(ByteBuffer(string: body))
            do {
                let response = try await client.execute(request, timeout: .seconds(timeout.components.seconds))
                let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
                let status = Int(response.status.code)
                guard (200..<300).contains(status) else {
                    lastFailure = Failure(description: "the model endpoint answered HTTP \(status)")
                    if status == 429 || status >= 500 { continue }
                    throw lastFailure
                }
                do {
                    return try LLMPrompt.content(ofResponse: text)
                } catch {
                    throw Failure(description: "the model's response could not be read: \(error)")
                }
            } catch let failure as Failure {
                throw failure
            } catch {
                lastFailure = Failure(description: "the model endpoint could not be reached: \(error)")
            }
        }
        throw lastFailure
    }
}
