import FinrcaTestSupport
import Foundation
import PostgresNIO
import Shared
import Testing

/// `finrca user add|list|disable` through the real binary and database.
@Suite("finrca user: add, list, disable", .needsDatabase)
struct UserCommandTests {
    /// Runs finrca with `arguments` against `database`, feeding `input`; returns the exit status and output.
    static func finrca(_ arguments: [String], database: DatabaseConfiguration, input: String = "") async throws -> (
        Int32, String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try CrashRecoveryTests.finrcaExecutable())
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["FINRCA_DATABASE_URL"] = database.description
        environment["FINRCA_SERVER_BCRYPT_COST"] = "4"
        environment["FINRCA_LOG_LEVEL"] = "error"
        process.environment = environment
        let stdin = Pipe()
        let output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        try await process.waitForExit()
        return (
            process.terminationStatus,
            String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        )
    }

    @Test("add stores a bcrypt hash, never the password; list shows the user; disable revokes; bad input exits 1")
    func lifecycle() async throws {
        try await TestDatabase.withFreshDatabase { database, connection in
            let (added, addOutput) = try await Self.finrca(
                ["user", "add", "alice", "--password-stdin"],
                database: database,
                input: "a long password 42\n"
            )
            #expect(added == 0, "\(addOutput)")
            #expect(addOutput.contains("added user alice"))
            let hash = try #require(
                try await connection.value("SELECT password_hash FROM api_users WHERE username = 'alice'")
            )
            #expect(hash.hasPrefix("$2b$04$") && !hash.contains("a long password"))
            let (taken, takenOutput) = try await Self.finrca(
                ["user", "add", "alice", "--password-stdin"],
                database: database,
                input: "a long password 42\n"
            )
            #expect(taken == 1 && takenOutput.contains("already exists"))
            let (weak, weakOutput) = try await Self.finrca(
                ["user", "add", "bob", "--password-stdin"],
                database: database,
                input: "short\n"
            )
            #expect(weak == 1 && weakOutput.contains("at least 12 characters"))
            let (badName, _) = try await Self.finrca(
                ["user", "add", "bob smith", "--password-stdin"],
                database: database,
                input: "a long password 42\n"
            )
            #expect(badName == 1)
            _ = try await connection.rows(
                "INSERT INTO api_refresh_tokens (user_id, token_sha256, expires_at) SELECT id, 'abc', now() + interval '1 day' FROM api_users"
            )
            let (listed, listOutput) = try await Self.finrca(["user", "list"], database: database)
            #expect(listed == 0 && listOutput.contains("alice\tactive") && listOutput.contains("1 user"))
            let (disabled, _) = try await Self.finrca(["user", "disable", "alice"], database: database)
            #expect(disabled == 0)
            #expect(try await connection.rows("SELECT disabled::text FROM api_users") == [["true"]])
            #expect(
                try await connection.value("SELECT count(*)::text FROM api_refresh_tokens WHERE revoked_at IS NULL")
                    == "0"
            )
            let (missing, _) = try await Self.finrca(["user", "disable", "nobody"], database: database)
            #expect(missing == 1)
        }
    }
}
