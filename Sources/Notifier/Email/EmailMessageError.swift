/// Why an ``EmailMessage`` could not be created.
public enum EmailMessageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An address is not a plain ASCII `local@domain` (no display names, angle brackets, spaces or line breaks).
    case invalidAddress(field: String, value: String)
    /// The recipient list is empty.
    case noRecipients
    /// The Message-ID is not `left@right` in printable ASCII without spaces or angle brackets.
    case invalidMessageID(String)

    /// A message naming the field; safe to log.
    public var description: String {
        switch self {
        case .invalidAddress(let field, let value):
            "email \(field): \(String(reflecting: value)) is not a plain address like name@example.org"
        case .noRecipients: "email to: no recipients"
        case .invalidMessageID(let value):
            "email Message-ID: \(String(reflecting: value)) is not of the form left@right"
        }
    }
}
