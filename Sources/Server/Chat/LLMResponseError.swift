public import Shared

/// A chat-completions response that carries no usable answer.
///
/// The description names the problem only; the provider's own message is in ``apiError(_:)`` for the log.
public enum LLMResponseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The body is not JSON.
    case notJSON(JSONParsingError)
    /// The body is an error object (`{"error": {"message": …}}`); the provider's message, possibly empty.
    case apiError(String)
    /// A field of the response path `choices[0].message.content` is missing or of the wrong type.
    case missingField(String)
    /// `choices` is empty, or the content is empty or only whitespace.
    case emptyContent

    /// `chat-completions response: no field choices[0].message.content`.
    public var description: String {
        switch self {
        case .notJSON(let error): "chat-completions response is not JSON: \(error)"
        case .apiError: "chat-completions response is an error object"
        case .missingField(let field): "chat-completions response has no usable field \(field)"
        case .emptyContent: "chat-completions response has no content"
        }
    }
}
