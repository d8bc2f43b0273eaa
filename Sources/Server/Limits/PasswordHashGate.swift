import Hummingbird
import Synchronization

/// A bound on bcrypt hashes running or queued at once: each costs a quarter of a second of CPU at cost 12, and
/// the thread pool's queue is otherwise unbounded, so a flood of logins would hold every core for as long as it
/// lasts. Beyond the bound a request is answered 503 with `Retry-After: 1` at once.
public final class PasswordHashGate: Sendable {
    private let permits: Int
    private let inFlight = Mutex(0)

    /// Creates a gate letting `permits` hashes in at once.
    public init(permits: Int) {
        self.permits = permits
    }

    /// Runs `body` holding one of the permits.
    ///
    /// - Throws: ``APIError`` 503 `busy` when all permits are held; otherwise what `body` throws.
    public func withPermit<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        let admitted = inFlight.withLock { count in
            guard count < permits else { return false }
            count += 1
            return true
        }
        guard admitted else {
            throw APIError(
                .serviceUnavailable,
                "busy",
                "too many password checks in progress; try again in a second",
                headers: [.retryAfter: "1"]
            )
        }
        defer { inFlight.withLock { $0 -= 1 } }
        return try await body()
    }
}
