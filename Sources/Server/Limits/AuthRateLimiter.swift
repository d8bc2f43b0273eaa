import Hummingbird
public import Shared
import Synchronization

/// Token buckets on the authentication routes: one per client address and one per user name, in memory.
///
/// An attempt takes a token from each bucket it names; when one is empty the attempt is refused with 429 and
/// `Retry-After` before the database is read or a password is hashed. The table holds at most ``maximumBuckets``:
/// when it is full, buckets that have filled up again are forgotten, and a new name is refused while it stays full
/// of recent ones.
public final class AuthRateLimiter: Sendable {
    /// The most buckets held at once.
    public static let maximumBuckets = 100_000

    private struct Storage {
        var buckets: [String: TokenBucket] = [:]
    }

    private let burst: Int
    private let perMinute: Int
    private let now: @Sendable () -> ContinuousClock.Instant
    private let storage = Mutex(Storage())

    /// Creates a limiter whose buckets hold `burst` attempts and regain `perMinute` a minute; `now` is the clock
    /// (tests pass their own).
    public init(
        burst: Int,
        perMinute: Int,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.burst = burst
        self.perMinute = perMinute
        self.now = now
    }

    /// Creates a limiter with the configured bucket size and rate.
    public convenience init(limits: ServerLimits) {
        self.init(burst: limits.authBurst, perMinute: limits.authPerMinute)
    }

    /// Takes a token for the client `address` (nil when unknown, as in tests without a socket).
    ///
    /// - Throws: ``APIError`` 429 `too_many_attempts` with `Retry-After` when the address has none left.
    public func admit(address: String?) throws {
        try take("address:" + (address ?? "unknown"))
    }

    /// Takes a token for the user name `username` (compared case-insensitively).
    ///
    /// - Throws: ``APIError`` 429 `too_many_attempts` with `Retry-After` when the name has none left.
    public func admit(username: String) throws {
        try take("user:" + username.lowercased())
    }

    private func take(_ key: String) throws {
        let now = now()
        let wait = storage.withLock { storage -> Duration? in
            if var bucket = storage.buckets[key] {
                let wait = bucket.take(now: now)
                storage.buckets[key] = bucket
                return wait
            }
            if storage.buckets.count >= Self.maximumBuckets {
                storage.buckets = storage.buckets.filter { !$0.value.isFull(now: now) }
                if storage.buckets.count >= Self.maximumBuckets { return .seconds(60) }
            }
            var bucket = TokenBucket(capacity: burst, perMinute: perMinute, now: now)
            let wait = bucket.take(now: now)
            storage.buckets[key] = bucket
            return wait
        }
        guard let wait else { return }
        let seconds = max(
            1,
            Int((Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18).rounded(.up))
        )
        throw APIError(
            .tooManyRequests,
            "too_many_attempts",
            "too many sign-in attempts; try again in \(seconds) s",
            headers: [.retryAfter: String(seconds)]
        )
    }
}
