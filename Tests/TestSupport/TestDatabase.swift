import Foundation
public import Logging
public import PostgresNIO
public import Shared

/// Throwaway databases on the real PostgreSQL server the project's scripts start (scripts/pg-start.sh).
///
/// The server comes from `FINRCA_TEST_DATABASE_URL`, else the private cluster's default URL. Each call of
/// ``withFreshDatabase(_:)`` creates a new, migrated database and drops it afterwards.
public enum TestDatabase {
    public static let logger: Logger = {
        var logger = Logger(label: "finrca.tests")
        logger.logLevel = .warning
        return logger
    }()

    /// The server's admin connection settings.
    public static func serverConfiguration() throws -> DatabaseConfiguration {
        var environment = ProcessInfo.processInfo.environment
        if let url = environment["FINRCA_TEST_DATABASE_URL"] { environment["FINRCA_DATABASE_URL"] = url }
        return try FinrcaConfiguration.load(file: nil, environment: environment).database
    }

    /// Runs `body` with a new migrated database and a connection to it; drops the database afterwards.
    public static func withFreshDatabase<Result>(
        _ body: (DatabaseConfiguration, PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let server = try serverConfiguration()
        var database = server
        database.database = "finrca_test_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        try await Database.createDatabase(database.database, on: server, logger: logger)
        do {
            let result = try await Database.withConnection(database, logger: logger) { connection in
                _ = try await Migrator().migrate(on: connection, logger: logger)
                return try await body(database, connection)
            }
            try await Database.dropDatabase(database.database, on: server, logger: logger)
            return result
        } catch {
            try? await Database.dropDatabase(database.database, on: server, logger: logger)
            throw error
        }
    }
}

/// Temporary files for one test, removed with the folder.
public final class TemporaryFolder: @unchecked Sendable {
    /// The folder.
    public let path: String

    /// Creates an empty folder under the system's temporary directory.
    public init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("finrca-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `bytes` to `name` in the folder and returns the path.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Writes UTF-8 `text` to `name` and returns the path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    /// The path of `name` in the folder.
    public func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }
}

extension PostgresConnection {
    /// Runs `sql` (no binds) and returns every row as text columns (NULL as nil).
    public func rows(_ sql: String) async throws -> [[String?]] {
        var result: [[String?]] = []
        for try await row in try await query(PostgresQuery(unsafeSQL: sql), logger: TestDatabase.logger) {
            result.append(try row.map { cell in try cell.decode(String?.self) })
        }
        return result
    }

    /// The single text value of `sql`.
    public func value(_ sql: String) async throws -> String? {
        try await rows(sql).first?.first ?? nil
    }
}
