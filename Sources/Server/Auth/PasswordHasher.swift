import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing and verification, run on NIO's blocking thread pool (a cost-12 hash takes about a quarter
/// of a second of CPU and must not hold an event loop or a cooperative thread).
public struct PasswordHasher: Sendable {
    /// The bcrypt cost of new hashes.
    public let cost: UInt8

    /// Creates a hasher with `cost` (4–16).
    public init(cost: Int) {
        self.cost = UInt8(clamping: cost)
    }

    /// The bcrypt hash of `password`.
    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`. Without a hash (unknown user) it hashes the password at the same cost
    /// and answers false, so the answer takes as long either way and does not reveal which user names exist.
    public func verify(_ password: String, hash: String?) async throws -> Bool {
        guard let hash else {
            _ = try await self.hash(password)
            return false
        }
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
