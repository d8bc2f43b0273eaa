import Foundation
public import Shared
public import Testing

/// What the machine offers the tests that need real parts, so a plain `swift test` anywhere runs the unit tests
/// and skips the others with a message saying what is missing (see ``Testing/Trait/needsDatabase``).
public enum TestEnvironment {
    /// Whether a PostgreSQL server for throwaway databases is named: `FINRCA_TEST_DATABASE_URL`, which
    /// `scripts/test.sh` sets after starting the private cluster.
    public static let hasDatabase: Bool = !(ProcessInfo.processInfo.environment["FINRCA_TEST_DATABASE_URL"] ?? "")
        .isEmpty

    /// The extra PostgreSQL servers for the sharded-ledger test: `FINRCA_TEST_SHARD_DATABASE_URLS`, two URLs
    /// separated by spaces, which `scripts/test.sh` sets when `scripts/pg-shards.sh` could start two clusters.
    public static let shardDatabaseURLs: [String] =
        (ProcessInfo.processInfo.environment["FINRCA_TEST_SHARD_DATABASE_URLS"] ?? "").split(separator: " ")
        .map(String.init)

    /// The connection settings of ``shardDatabaseURLs``.
    ///
    /// - Throws: ``ConfigurationError`` for a URL that is not `postgres://user@host:port/database`.
    public static func shardServers() throws -> [DatabaseConfiguration] {
        try shardDatabaseURLs.map { url in
            try FinrcaConfiguration.load(file: nil, environment: ["FINRCA_DATABASE_URL": url]).database
        }
    }

    /// Whether `command` is an executable on `PATH`.
    public static func hasCommand(_ command: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(command)") }
    }

    /// Whether a Python 3 with `aiosmtpd` is there for the email tests (see ``EmailTestSink/python()``).
    public static let hasSMTPServer = (try? EmailTestSink.python()) != nil
}

extension Trait where Self == ConditionTrait {
    /// Runs the suite only when a test database is named (``TestEnvironment/hasDatabase``); skipped with a message
    /// otherwise.
    public static var needsDatabase: Self {
        .enabled(
            if: TestEnvironment.hasDatabase,
            "FINRCA_TEST_DATABASE_URL is not set: run scripts/test.sh, or start the private PostgreSQL with scripts/pg-start.sh and export the URL it prints"
        )
    }

    /// Runs the suite only when two extra PostgreSQL servers are named (``TestEnvironment/shardDatabaseURLs``);
    /// skipped with a message otherwise.
    public static var needsShardServers: Self {
        .enabled(
            if: TestEnvironment.shardDatabaseURLs.count == 2,
            "FINRCA_TEST_SHARD_DATABASE_URLS does not name two servers: scripts/test.sh sets it when scripts/pg-shards.sh can start two extra clusters (export the URLs it prints)"
        )
    }

    /// Runs the test only when `command` is on `PATH`; skipped with a message naming it otherwise.
    public static func needsCommand(_ command: String) -> Self {
        .enabled(if: TestEnvironment.hasCommand(command), "\(command) is not on PATH (scripts/test.sh installs it)")
    }

    /// Runs the suite only when python3 with aiosmtpd can start a real SMTP server; skipped with a message otherwise.
    public static var needsSMTPServer: Self {
        .enabled(
            if: TestEnvironment.hasSMTPServer,
            "python3 with aiosmtpd is missing (scripts/test.sh installs python3-aiosmtpd)"
        )
    }
}
