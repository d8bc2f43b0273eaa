/// Where an alert is in its life: pending → sending → delivered | retrying | dead | cancelled.
public enum AlertState: String, Sendable, Codable, CaseIterable {
    /// Queued by the detector, never tried.
    case pending
    /// Claimed by a notifier and being sent.
    case sending
    /// The channel accepted it.
    case delivered
    /// A try failed; another is due at `next_attempt_at`.
    case retrying
    /// Every allowed try failed; nobody will try again.
    case dead
    /// Not sent: all its findings were reviewed as expected or false alarm before delivery.
    case cancelled

    /// Waiting for a delivery attempt: queued, or due again after a failure.
    public static let due: [AlertState] = [.pending, .retrying]
    /// Not finished: due, or claimed by a notifier.
    public static let unfinished: [AlertState] = [.pending, .sending, .retrying]
    /// Finished states, in the order operators read them after the unfinished ones.
    public static let finished: [AlertState] = [.dead, .cancelled, .delivered]
}
