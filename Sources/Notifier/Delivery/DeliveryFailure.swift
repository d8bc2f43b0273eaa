/// Why one delivery attempt failed, safe to store in `alerts.last_error`.
public struct DeliveryFailure: Error, Sendable, CustomStringConvertible {
    /// What happened.
    public var description: String
    /// Whether another attempt may succeed (a timeout, a refused connection, HTTP 5xx/408/429, SMTP 4xx);
    /// otherwise the alert is dead at once (HTTP 4xx, SMTP 5xx, refused credentials).
    public var isTransient: Bool

    /// Creates a failure.
    public init(_ description: String, isTransient: Bool) {
        self.description = description
        self.isTransient = isTransient
    }
}
