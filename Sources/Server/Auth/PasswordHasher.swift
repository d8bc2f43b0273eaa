import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing and verification, run on NIO's blocking thread pool (a cost-12 hash takes about a quarter
/// of a second of CPU and must not hold an event loop or a cooperative thread).
public struct PasswordHasher: Sendable {
    /// The bcrypt cost of new hashes.
    public let cost: UInt8
    /// The bound on hashes in flight; nil = none (the command line).
    let gate: PasswordHashGate?

    /// Creates a hasher with `cost` (4–16); with a `gate`, every hash and check takes one of its permits.
    public init(cost: Int, gate: PasswordHashGate? = nil) {
        self.cost = UInt8(clamping: cost)
        self.gate = gate
    }

    /// The bcrypt hash of `password`.
    ///
    /// - Throws: ``APIError`` 503 when the gate is full.
    public func hash(_ password: String) async throws -> String {
        try await admitted { try await hashNow(password) }
    }

    /// Whether `password` matches `hash`. Without a hash (unknown user) it hashes the password at the same cost
    /// and answers false, so the answer takes as long either way and does not reveal which user names exist.
    ///
    /// - Throws: ``APIError`` 503 when the gate is full.
    public func verify(_ password: String, hash: String?) async throws -> Bool {
        try await admitted {
            guard let hash else {
                _ = try await hashNow(password)
                return false
            }
            return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
        }
    }

    private func hashNow(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    private func admitted<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        guard let gate else { return try await body() }
        return try await gate.withPermit(body)
    }
}
