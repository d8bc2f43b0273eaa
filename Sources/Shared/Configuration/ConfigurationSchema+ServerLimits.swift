extension ConfigurationSchema {
    /// The keys of `server.limits`.
    static let serverLimitKeys: [Key] = [
        Key(
            name: "server.limits.auth_burst",
            defaultValue: "10",
            isSecret: false,
            summary:
                "attempts a client address, and a user name, may make at once on /login, /refresh, /register (1-1000)"
        ),
        Key(
            name: "server.limits.auth_per_minute",
            defaultValue: "6",
            isSecret: false,
            summary:
                "attempts given back per minute to each address and user name (1-6000); beyond, 429 with Retry-After"
        ),
        Key(
            name: "server.limits.password_hashes",
            defaultValue: "4",
            isSecret: false,
            summary: "bcrypt hashes running or queued at once (1-256); beyond, 503 with Retry-After"
        ),
        Key(
            name: "server.limits.idle_timeout_seconds",
            defaultValue: "60",
            isSecret: false,
            summary: "an open connection without a request is closed after this long (1-3600)"
        ),
        Key(
            name: "server.limits.head_timeout_seconds",
            defaultValue: "10",
            isSecret: false,
            summary:
                "a request head must be complete this long after its first byte, else the connection closes (1-600)"
        ),
        Key(
            name: "server.limits.body_timeout_seconds",
            defaultValue: "30",
            isSecret: false,
            summary: "a request body must be complete this long after its head, else the connection closes (1-3600)"
        ),
        Key(
            name: "server.limits.statement_timeout_ms",
            defaultValue: "5000",
            isSecret: false,
            summary: "PostgreSQL statement_timeout of the cheap routes (100-600000); beyond, 503 query_timeout"
        ),
        Key(
            name: "server.limits.bounded_statement_timeout_ms",
            defaultValue: "30000",
            isSecret: false,
            summary:
                "statement_timeout of the routes reading journal lines: finding lines, explore, waterfall (100-3600000)"
        ),
        Key(
            name: "server.limits.database_wait_seconds",
            defaultValue: "5",
            isSecret: false,
            summary:
                "added to a route's statement timeout: its whole time, connection wait included; beyond, 503 (1-300)"
        ),
    ]
}
