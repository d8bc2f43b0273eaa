import Foundation

/// Every configuration key finrca reads, with its default and meaning; `config/finrca.example.yaml`
/// documents the same keys for operators, and a test keeps the two in step.
public enum ConfigurationSchema {
    /// One key.
    public struct Key: Sendable {
        /// Dotted name, e.g. `database.url`.
        public var name: String
        /// The default as text, or nil when the key has none.
        public var defaultValue: String?
        /// Secrets are accepted only from the environment or flags, never from a file.
        public var isSecret: Bool
        /// One line for `--help` style listings.
        public var summary: String
    }

    /// All keys.
    public static let keys: [Key] = [
        Key(name: "database.url", defaultValue: "postgres://finrca@127.0.0.1:54329/finrca", isSecret: false,
            summary: "PostgreSQL URL; the default is the private cluster started by scripts/pg-start.sh"),
        Key(name: "database.password", defaultValue: nil, isSecret: true,
            summary: "password for database.url (environment FINRCA_DATABASE_PASSWORD only)"),
        Key(name: "database.tls", defaultValue: "disable", isSecret: false,
            summary: "disable | prefer | require"),
        Key(name: "database.pool_size", defaultValue: "4", isSecret: false,
            summary: "maximum connections per process (1-64)"),
        Key(name: "database.connect_timeout_seconds", defaultValue: "10", isSecret: false,
            summary: "seconds to wait for a connection before reporting the database unavailable"),
        Key(name: "ingest.chunk_kib", defaultValue: "256", isSecret: false,
            summary: "size of each COPY message in KiB (64-1024)"),
        Key(name: "ingest.max_reject_share", defaultValue: "0.01", isSecret: false,
            summary: "a file whose rejected share of rows exceeds this (0-1) is not loaded at all"),
        Key(name: "ingest.max_stored_rejects", defaultValue: "10000", isSecret: false,
            summary: "rejected rows stored per batch with their raw line; the rest are counted"),
        Key(name: "ingest.mappings_dir", defaultValue: "config/mappings", isSecret: false,
            summary: "folder searched for --profile NAME as NAME.yaml when NAME is not built in"),
        Key(name: "ingest.default_profile", defaultValue: "finance_expense", isSecret: false,
            summary: "mapping profile used when neither --profile nor --mapping is given"),
        Key(name: "ingest.index_build_memory_mb", defaultValue: "256", isSecret: false,
            summary: "maintenance_work_mem in MiB while a load indexes the partitions it created (16-4096)"),
        Key(name: "log.level", defaultValue: "info", isSecret: false,
            summary: "trace | debug | info | notice | warning | error | critical"),
        Key(name: "log.format", defaultValue: "logfmt", isSecret: false,
            summary: "logfmt | json (one line per event on stderr)"),
    ]

    private static let byName: [String: Key] = Dictionary(uniqueKeysWithValues: keys.map { ($0.name, $0) })

    /// The key named `name`, if it exists.
    public static func key(_ name: String) -> Key? { byName[name] }

    /// Whether `name` is a section (the part before a dot of some key), such as `database`.
    public static func isSection(_ name: String) -> Bool {
        keys.contains { $0.name.hasPrefix(name + ".") }
    }

    /// The environment variable that overrides `key`: `database.url` → `FINRCA_DATABASE_URL`.
    public static func environmentName(for key: String) -> String {
        "FINRCA_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
    }
}
