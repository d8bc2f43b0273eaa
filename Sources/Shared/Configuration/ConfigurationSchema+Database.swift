extension ConfigurationSchema {
    /// The keys of the `database` and `log` sections.
    static let databaseKeys: [Key] = [
        Key(
            name: "database.url",
            defaultValue: "postgres://finrca@127.0.0.1:54329/finrca",
            isSecret: false,
            summary: "PostgreSQL URL; the default is the private cluster started by scripts/pg-start.sh"
        ),
        Key(
            name: "database.password",
            defaultValue: nil,
            isSecret: true,
            summary: "password for database.url (environment FINRCA_DATABASE_PASSWORD only)"
        ),
        Key(
            name: "database.tls",
            defaultValue: "disable",
            isSecret: false,
            summary: "disable | prefer | require"
        ),
        Key(
            name: "database.pool_size",
            defaultValue: "4",
            isSecret: false,
            summary: "maximum connections per process (1-64)"
        ),
        Key(
            name: "database.connect_timeout_seconds",
            defaultValue: "10",
            isSecret: false,
            summary: "seconds to wait for a connection before reporting the database unavailable"
        ),
        Key(
            name: "log.level",
            defaultValue: "info",
            isSecret: false,
            summary: "trace | debug | info | notice | warning | error | critical"
        ),
        Key(
            name: "log.format",
            defaultValue: "logfmt",
            isSecret: false,
            summary: "logfmt | json (one line per event on stderr)"
        ),
    ]
}
