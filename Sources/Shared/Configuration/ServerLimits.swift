/// The limits of `finrca serve` (`server.limits.*`): attempts on the authentication routes, password hashes in
/// flight, connection timeouts and statement timeouts per route class.
///
/// - Configuration keys:
///   - `server.limits.auth_burst` (int 1-1000, default 10): attempts a client address, and separately a user name,
///     may make at once on `/login`, `/refresh` and `/register`.
///   - `server.limits.auth_per_minute` (int 1-6000, default 6): attempts given back per minute to each of them.
///   - `server.limits.password_hashes` (int 1-256, default 4): bcrypt hashes running or queued at once; beyond, 503.
///   - `server.limits.idle_timeout_seconds` (int 1-3600, default 60): a connection without a request is closed.
///   - `server.limits.head_timeout_seconds` (int 1-600, default 10): a request head begun must be complete in time.
///   - `server.limits.body_timeout_seconds` (int 1-3600, default 30): a request body must arrive in time.
///   - `server.limits.statement_timeout_ms` (int 100-600000, default 5000): statements of the cheap routes.
///   - `server.limits.bounded_statement_timeout_ms` (int 100-3600000, default 30000): statements of the routes that
///     read journal lines (finding lines, explore, the waterfall of other periods).
///   - `server.limits.database_wait_seconds` (int 1-300, default 5): added to a route's statement timeout, the time
///     it may take in all (waiting for a connection included) before it is answered 503 `request_timeout`.
public struct ServerLimits: Sendable, Equatable {
    /// Attempts a bucket holds.
    public var authBurst = 10
    /// Attempts a bucket regains per minute.
    public var authPerMinute = 6
    /// Password hashes running or waiting at once.
    public var passwordHashes = 4
    /// Longest wait for the next request on an open connection.
    public var idleTimeout: Duration = .seconds(60)
    /// Longest time from a request's first byte to the end of its head.
    public var headTimeout: Duration = .seconds(10)
    /// Longest time from a request's head to the end of its body.
    public var bodyTimeout: Duration = .seconds(30)
    /// `statement_timeout` of the cheap routes, in milliseconds.
    public var statementTimeoutMilliseconds = 5000
    /// `statement_timeout` of the routes that read journal lines, in milliseconds.
    public var boundedStatementTimeoutMilliseconds = 30_000
    /// Added to a route's statement timeout: how long it may take in all, waiting for a connection included.
    public var databaseWait: Duration = .seconds(5)

    /// Creates limits with the documented defaults.
    public init() {}

    /// Reads the `server.limits.*` keys.
    public init(reader: ConfigReader) throws {
        authBurst = try reader.int("server.limits.auth_burst", in: 1...1000)
        authPerMinute = try reader.int("server.limits.auth_per_minute", in: 1...6000)
        passwordHashes = try reader.int("server.limits.password_hashes", in: 1...256)
        idleTimeout = .seconds(try reader.int("server.limits.idle_timeout_seconds", in: 1...3600))
        headTimeout = .seconds(try reader.int("server.limits.head_timeout_seconds", in: 1...600))
        bodyTimeout = .seconds(try reader.int("server.limits.body_timeout_seconds", in: 1...3600))
        statementTimeoutMilliseconds = try reader.int("server.limits.statement_timeout_ms", in: 100...600_000)
        boundedStatementTimeoutMilliseconds = try reader.int(
            "server.limits.bounded_statement_timeout_ms",
            in: 100...3_600_000
        )
        databaseWait = .seconds(try reader.int("server.limits.database_wait_seconds", in: 1...300))
    }

    /// How long a cheap route that reads the database may take in all.
    public var cheapDeadline: Duration { .milliseconds(statementTimeoutMilliseconds) + databaseWait }

    /// How long a route reading journal lines may take in all.
    public var boundedDeadline: Duration { .milliseconds(boundedStatementTimeoutMilliseconds) + databaseWait }
}
