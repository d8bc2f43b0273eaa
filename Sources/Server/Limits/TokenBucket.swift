/// A token bucket: it holds at most `capacity` tokens, regains `perSecond` tokens a second, and every attempt
/// takes one. Pure: the caller passes the time.
struct TokenBucket: Sendable, Equatable {
    /// Most tokens held.
    let capacity: Double
    /// Tokens regained per second.
    let perSecond: Double
    /// Tokens held at `updated`.
    private(set) var tokens: Double
    /// When `tokens` was last brought up to date.
    private(set) var updated: ContinuousClock.Instant

    /// A full bucket at `now`.
    init(capacity: Int, perMinute: Int, now: ContinuousClock.Instant) {
        self.capacity = Double(capacity)
        self.perSecond = Double(perMinute) / 60
        self.tokens = Double(capacity)
        self.updated = now
    }

    /// Takes a token at `now`: nil when there was one, else how long until there is (the attempt is refused
    /// and takes nothing).
    mutating func take(now: ContinuousClock.Instant) -> Duration? {
        refill(now: now)
        guard tokens < 1 else {
            tokens -= 1
            return nil
        }
        return .seconds((1 - tokens) / perSecond)
    }

    /// Whether the bucket would be full at `now` (then forgetting it changes nothing).
    func isFull(now: ContinuousClock.Instant) -> Bool {
        var copy = self
        copy.refill(now: now)
        return copy.tokens >= capacity
    }

    private mutating func refill(now: ContinuousClock.Instant) {
        guard now > updated else { return }
        let elapsed = updated.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(capacity, tokens + seconds * perSecond)
        updated = now
    }
}
