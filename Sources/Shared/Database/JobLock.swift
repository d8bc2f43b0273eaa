public import Logging
public import PostgresNIO

/// A PostgreSQL session advisory lock that keeps two processes from doing the same job at once. It is held by
/// the connection, so a process that dies (even by SIGKILL) releases it when its connection closes.
public enum JobLock: Int64, Sendable {
    /// `finrca notify` (and the notify step of `finrca run`).
    case notify = 0x6669_6E72_6361_0003
    /// `finrca run`, a whole scan.
    case scan = 0x6669_6E72_6361_0004

    /// The job's name in messages.
    public var job: String {
        switch self {
        case .notify: "finrca notify"
        case .scan: "finrca run"
        }
    }

    /// Takes the lock without waiting.
    ///
    /// - Throws: ``JobLockHeldError`` when another session holds it.
    public func acquire(on connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.query("SELECT pg_try_advisory_lock(\(rawValue))", logger: logger)
        var acquired = false
        for try await value in rows.decode(Bool.self) { acquired = value }
        guard acquired else { throw JobLockHeldError(lock: self) }
    }

    /// Releases the lock.
    public func release(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_unlock(\(rawValue))", logger: logger)
    }

    /// Runs `body` holding the lock; releases it afterwards, also when `body` throws.
    public func withLock<Result>(
        on connection: PostgresConnection, logger: Logger, _ body: () async throws -> Result
    ) async throws -> Result {
        try await acquire(on: connection, logger: logger)
        do {
            let result = try await body()
            try await release(on: connection, logger: logger)
            return result
        } catch {
            try? await release(on: connection, logger: logger)
            throw error
        }
    }
}

/// Another process holds a ``JobLock``; commands exit with ``ExitStatus/busy``.
public struct JobLockHeldError: Error, Sendable, CustomStringConvertible {
    /// The lock.
    public var lock: JobLock

    /// E.g. `another finrca notify is running (it holds PostgreSQL advisory lock 7379270…); nothing was done`.
    public var description: String {
        "another \(lock.job) is running (it holds PostgreSQL advisory lock \(lock.rawValue)); nothing was done"
    }
}
