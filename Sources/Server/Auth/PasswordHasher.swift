import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing and verification, run on NIO's blocking thread pool (a cost-12 hash takes about a quarter
/// of a second of CPU and must not hold an event loop or a cooperative thread).
public struct PasswordHasher: Sendable {
    /// The bcrypt cost of new hashes.
    public let cost: UInt8
    /// A hash of a random string nobody knows, at the same cost.
    private let dummy: String

    /// Creates a hasher with `cost` (4–16); computes one hash, so it blocks for one hash's time.
    public init(cost: Int) {
        self.cost = UInt8(clamping: cost)
        dummy = Bcrypt.hash(String(UInt64.random(in: 0...UInt64.max), radix: 36), cost: self.cost)
    }

    /// The bcrypt hash of `password`.
    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`. Without a hash (unknown user) it checks against a fixed dummy hash,
    /// so the answer takes as long either way and does not reveal which user names exist.
    public func verify(_ password: String, hash: String?) async throws -> Bool {
        let stored = hash ?? dummy
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: stored) }
        return matches && hash != nil
    }
}
