public import Foundation

/// Decides what follows a delivery attempt. Pure: the tests feed outcomes and check the decisions.
public struct DeliveryPolicy: Sendable {
    /// Tries before an alert is dead.
    public var maximumAttempts: Int
    /// Delay after the first failure; doubles per failure.
    public var baseDelay: Duration
    /// Longest delay.
    public var maximumDelay: Duration

    /// Creates a policy (defaults: 8 tries, 30 s doubling up to 1 h, "full jitter").
    public init(maximumAttempts: Int = 8, baseDelay: Duration = .seconds(30), maximumDelay: Duration = .seconds(3600)) {
        self.maximumAttempts = maximumAttempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// The decision after one attempt.
    public enum Decision: Sendable, Equatable {
        /// Mark delivered.
        case delivered
        /// Mark retrying, try again after this delay.
        case retry(after: Duration)
        /// Mark dead.
        case dead
    }

    /// What to do after attempt number `attempt` (1-based) ended with `succeeded`; `unit` is a uniform random
    /// number in [0, 1) for the jitter (exponential backoff with full jitter: delay = unit × min(max, base·2^(n−1))).
    /// A failure that is not `retryable` (the channel refused the alert for good) is dead at once.
    public func decide(attempt: Int, succeeded: Bool, retryable: Bool = true, unit: Double) -> Decision {
        if succeeded { return .delivered }
        if attempt >= maximumAttempts || !retryable { return .dead }
        let base = Double(baseDelay.components.seconds) + Double(baseDelay.components.attoseconds) / 1e18
        let cap = Double(maximumDelay.components.seconds)
        let ceiling = min(cap, base * pow(2, Double(attempt - 1)))
        return .retry(after: .milliseconds(Int64((unit * ceiling * 1000).rounded(.down))))
    }
}
