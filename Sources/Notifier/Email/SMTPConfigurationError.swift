/// Why an ``SMTPConfiguration`` was refused.
public enum SMTPConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `field` is wrong for `reason`.
    case invalid(field: String, reason: String)

    /// `smtp <field>: <reason>`; never contains the password.
    public var description: String {
        switch self {
        case .invalid(let field, let reason): "smtp \(field): \(reason)"
        }
    }
}
