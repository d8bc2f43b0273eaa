public import Logging
public import PostgresNIO

/// A PostgreSQL session advisory lock that keeps two sessions from doing the same job at once. It is held by
/// the connection, so a process that dies (even by SIGKILL) releases it when its connection closes.
///
/// Locks are only ever taken through the scoped helpers (``withLock(on:logger:_:)``,
/// ``waitingForLock(on:logger:_:)``, ``ifFree(on:logger:_:)``), which release them when the body returns or throws.
public struct JobLock: Sendable, Hashable, CustomStringConvertible {
    /// The lock's key: one 64-bit key, or a (namespace, id) pair.
    enum Key: Sendable, Hashable {
        case single(Int64)
        case pair(Int32, Int32)
    }

    let key: Key
    /// The job's name in messages.
    public let job: String

    /// `finrca notify` (and the notify step of `finrca run`).
    public static let notify = JobLock(key: .single(0x6669_6E72_6361_0003), job: "finrca notify")
    /// `finrca run`, a whole scan.
    public static let scan = JobLock(key: .single(0x6669_6E72_6361_0004), job: "finrca run")
    /// Serialises schema migrations.
    public static let migrate = JobLock(key: .single(0x6669_6E72_6361_0001), job: "finrca migrate")
    /// Serialises loads (two loads could otherwise deadlock creating partitions) and their index builds.
    public static let ingest = JobLock(key: .single(0x6669_6E72_6361_0002), job: "finrca ingest")

    /// The lock a load holds on its own batch while it runs, so a later load can tell a crashed load (lock free)
    /// from a running one.
    public static func batch(_ id: Int64) -> JobLock {
        JobLock(key: .pair(0x6669_6E01, Int32(truncatingIfNeeded: id)), job: "the load of batch \(id)")
    }

    /// The PostgreSQL key, e.g. `7379270396093399043` or `(1718185473, 12)`.
    public var description: String {
        switch key {
        case .single(let value): "\(value)"
        case .pair(let namespace, let id): "(\(namespace), \(id))"
        }
    }

    /// Runs `body` holding the lock; releases it afterwards, also when `body` throws.
    ///
    /// - Throws: ``JobLockHeldError`` at once when another session holds it; nothing is run then.
    public func withLock<Result>(
        on connection: PostgresConnection,
        logger: Logger,
        _ body: () async throws -> Result
    ) async throws -> Result {
        guard try await tryAcquire(on: connection, logger: logger) else { throw JobLockHeldError(lock: self) }
        return try await holding(on: connection, logger: logger, body)
    }

    /// Runs `body` holding the lock, waiting for another session to release it first.
    public func waitingForLock<Result>(
        on connection: PostgresConnection,
        logger: Logger,
        _ body: () async throws -> Result
    ) async throws -> Result {
        switch key {
        case .single(let value): try await connection.query("SELECT pg_advisory_lock(\(value))", logger: logger)
        case .pair(let namespace, let id):
            try await connection.query("SELECT pg_advisory_lock(\(namespace), \(id))", logger: logger)
        }
        return try await holding(on: connection, logger: logger, body)
    }

    /// Runs `body` holding the lock when no other session holds it; returns nil without running it otherwise.
    public func ifFree<Result>(
        on connection: PostgresConnection,
        logger: Logger,
        _ body: () async throws -> Result
    ) async throws -> Result? {
        guard try await tryAcquire(on: connection, logger: logger) else { return nil }
        return try await holding(on: connection, logger: logger, body)
    }

    private func tryAcquire(on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows =
            switch key {
            case .single(let value): try await connection.query("SELECT pg_try_advisory_lock(\(value))", logger: logger)
            case .pair(let namespace, let id):
                try await connection.query("SELECT pg_try_advisory_lock(\(namespace), \(id))", logger: logger)
            }
        var acquired = false
        for try await value in rows.decode(Bool.self) { acquired = value }
        return acquired
    }

    /// Runs `body` and releases the lock, which the session holds, whether `body` returns or throws.
    private func holding<Result>(
        on connection: PostgresConnection,
        logger: Logger,
        _ body: () async throws -> Result
    ) async throws -> Result {
        let result: Result
        do {
            result = try await body()
        } catch {
            try? await release(on: connection, logger: logger)
            throw error
        }
        try await release(on: connection, logger: logger)
        return result
    }

    private func release(on connection: PostgresConnection, logger: Logger) async throws {
        switch key {
        case .single(let value): try await connection.query("SELECT pg_advisory_unlock(\(value))", logger: logger)
        case .pair(let namespace, let id):
            try await connection.query("SELECT pg_advisory_unlock(\(namespace), \(id))", logger: logger)
        }
    }
}

/// Another process holds a ``JobLock``; commands exit with ``ExitStatus/busy``.
public struct JobLockHeldError: Error, Sendable, CustomStringConvertible {
    /// The lock.
    public var lock: JobLock

    /// E.g. `another finrca notify is running (it holds PostgreSQL advisory lock 7379270…); nothing was done`.
    public var description: String {
        "another \(lock.job) is running (it holds PostgreSQL advisory lock \(lock)); nothing was done"
    }
}
