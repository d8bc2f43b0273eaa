import Foundation
public import Testing

/// What the machine offers the tests that need real parts, so a plain `swift test` anywhere runs the unit tests
/// and skips the others with a message saying what is missing (see ``Testing/Trait/needsDatabase``).
public enum TestEnvironment {
    /// Whether a PostgreSQL server for throwaway databases is named: `FINRCA_TEST_DATABASE_URL`, which
    /// `scripts/test.sh` sets after starting the private cluster.
    public static let hasDatabase: Bool = !(ProcessInfo.processInfo.environment["FINRCA_TEST_DATABASE_URL"] ?? "")
        .isEmpty

    /// Whether Python 3 can import `module`.
    public static func hasPython(module: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import \(module)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Whether `command` is an executable on `PATH`.
    public static func hasCommand(_ command: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(command)") }
    }

    /// Whether Python 3 with `aiosmtpd` is there for the email tests.
    public static let hasSMTPServer = hasPython(module: "aiosmtpd")
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
