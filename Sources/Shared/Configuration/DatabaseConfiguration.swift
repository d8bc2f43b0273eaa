import Foundation

/// Where and how to reach PostgreSQL.
///
/// - Configuration keys:
///   - `database.url` (string, default `postgres://finrca@127.0.0.1:54329/finrca`): `postgres://user[:password]@host[:port]/database`.
///     A password in the URL is accepted only from the environment or a flag, never from a file.
///   - `database.password` (string, secret, environment only): password when the URL has none.
///   - `database.tls` (`disable` | `prefer` | `require`, default `disable`).
///   - `database.pool_size` (int 1-64, default 4).
///   - `database.connect_timeout_seconds` (int 1-300, default 10).
public struct DatabaseConfiguration: Sendable, CustomStringConvertible {
    /// TLS policy for the connection.
    public enum TLSMode: String, Sendable { case disable, prefer, require }

    /// Host name or IP address.
    public var host: String
    /// TCP port.
    public var port: Int
    /// User name.
    public var username: String
    /// Password, if any; never printed.
    public var password: String?
    /// Database name.
    public var database: String
    /// TLS policy.
    public var tls: TLSMode
    /// Maximum pooled connections.
    public var poolSize: Int
    /// Connection timeout.
    public var connectTimeout: Duration

    /// Creates a configuration; the defaults point at the private cluster of `scripts/pg-start.sh`.
    public init(
        host: String = "127.0.0.1",
        port: Int = 54329,
        username: String = "finrca",
        password: String? = nil,
        database: String = "finrca",
        tls: TLSMode = .disable,
        poolSize: Int = 4,
        connectTimeout: Duration = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
    }

    /// Reads the `database.*` keys.
    public init(reader: ConfigReader) throws {
        let urlText = reader.string("database.url") ?? ""
        guard let url = URLComponents(string: urlText), let scheme = url.scheme,
            ["postgres", "postgresql"].contains(scheme), let host = url.host, !host.isEmpty
        else {
            throw reader.error("database.url", "expected postgres://user@host:port/database")
        }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        guard !database.isEmpty else { throw reader.error("database.url", "the URL names no database") }
        guard let user = url.user, !user.isEmpty else { throw reader.error("database.url", "the URL names no user") }
        self.init(
            host: host,
            port: url.port ?? 5432,
            username: user,
            password: url.password ?? reader.string("database.password"),
            database: database,
            tls: TLSMode(rawValue: try reader.choice("database.tls", of: ["disable", "prefer", "require"]))!,
            poolSize: try reader.int("database.pool_size", in: 1...64),
            connectTimeout: .seconds(try reader.int("database.connect_timeout_seconds", in: 1...300))
        )
    }

    /// `postgres://user@host:port/database`, without the password.
    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database)"
    }
}

/// How files are loaded.
///
/// - Configuration keys:
///   - `ingest.chunk_kib` (int 64-1024, default 256): size of each COPY message.
///   - `ingest.max_reject_share` (number 0-1, default 0.01): above this share of rejected rows nothing is loaded.
///   - `ingest.max_stored_rejects` (int, default 10000): rejected rows stored with their raw line per batch.
///   - `ingest.mappings_dir` (path, default `config/mappings`): where `--profile NAME` finds `NAME.yaml`.
///   - `ingest.default_profile` (string, default `finance_expense`).
///   - `ingest.index_build_memory_mb` (int 16-4096, default 256): `maintenance_work_mem` while a load builds the
///     indexes of partitions it created.
public struct IngestConfiguration: Sendable {
    /// Bytes per COPY message.
    public var chunkBytes: Int
    /// Largest tolerated share of rejected rows.
    public var maxRejectShare: Double
    /// Rejected rows stored in detail per batch.
    public var maxStoredRejects: Int
    /// Folder of mapping files.
    public var mappingsDirectory: String
    /// Profile used when none is named.
    public var defaultProfile: String
    /// `maintenance_work_mem` (MiB) for building a new partition's indexes.
    public var indexBuildMemoryMiB: Int
    /// Where `finrca run` finds new files.
    public var inboxDirectory = "/var/lib/finrca/inbox"
    /// Where `finrca run` moves loaded files.
    public var archiveDirectory = "/var/lib/finrca/archive"
    /// Where `finrca run` moves refused files, each with a `.reason` file.
    public var failedDirectory = "/var/lib/finrca/failed"

    /// Creates a configuration with the documented defaults.
    public init(
        chunkBytes: Int = 256 * 1024,
        maxRejectShare: Double = 0.01,
        maxStoredRejects: Int = 10_000,
        mappingsDirectory: String = "config/mappings",
        defaultProfile: String = "finance_expense",
        indexBuildMemoryMiB: Int = 256
    ) {
        self.chunkBytes = chunkBytes
        self.maxRejectShare = maxRejectShare
        self.maxStoredRejects = maxStoredRejects
        self.mappingsDirectory = mappingsDirectory
        self.defaultProfile = defaultProfile
        self.indexBuildMemoryMiB = indexBuildMemoryMiB
    }

    /// Reads the `ingest.*` keys.
    public init(reader: ConfigReader) throws {
        self.init(
            chunkBytes: try reader.int("ingest.chunk_kib", in: 64...1024) * 1024,
            maxRejectShare: try reader.double("ingest.max_reject_share", in: 0...1),
            maxStoredRejects: try reader.int("ingest.max_stored_rejects", in: 0...10_000_000),
            mappingsDirectory: reader.string("ingest.mappings_dir") ?? "config/mappings",
            defaultProfile: reader.string("ingest.default_profile") ?? "finance_expense",
            indexBuildMemoryMiB: try reader.int("ingest.index_build_memory_mb", in: 16...4096)
        )
        inboxDirectory = reader.string("ingest.inbox_dir") ?? inboxDirectory
        archiveDirectory = reader.string("ingest.archive_dir") ?? archiveDirectory
        failedDirectory = reader.string("ingest.failed_dir") ?? failedDirectory
        for (key, value) in [
            ("ingest.inbox_dir", inboxDirectory), ("ingest.archive_dir", archiveDirectory),
            ("ingest.failed_dir", failedDirectory),
        ]
        where value.isEmpty {
            throw reader.error(key, "must name a folder")
        }
    }
}

/// Log output.
///
/// - Configuration keys:
///   - `log.level` (default `info`): trace, debug, info, notice, warning, error or critical.
///   - `log.format` (default `logfmt`): `logfmt` or `json`, one line per event on stderr.
public struct LogConfiguration: Sendable {
    /// Line format.
    public enum Format: String, Sendable { case logfmt, json }
    /// Minimum level, as swift-log names it.
    public var level: String
    /// Line format.
    public var format: Format

    /// Creates a configuration with the documented defaults.
    public init(level: String = "info", format: Format = .logfmt) {
        self.level = level
        self.format = format
    }

    /// Reads the `log.*` keys.
    public init(reader: ConfigReader) throws {
        self.init(
            level: try reader.choice(
                "log.level",
                of: ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            ),
            format: Format(rawValue: try reader.choice("log.format", of: ["logfmt", "json"]))!
        )
    }
}
