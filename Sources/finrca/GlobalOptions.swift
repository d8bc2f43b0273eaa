import ArgumentParser
import Foundation
import Logging
import Shared

/// Options every subcommand that talks to the database accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "YAML configuration file (default: $FINRCA_CONFIG, else built-in defaults).")
    var config: String?

    @Option(name: .long, help: "PostgreSQL URL; overrides database.url (default: the private cluster).")
    var databaseURL: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String?

    /// Loads and validates the configuration; prints the problem and exits 1 when it is invalid.
    func loadConfiguration() throws -> FinrcaConfiguration {
        let environment = ProcessInfo.processInfo.environment
        var flags: [String: (value: String, flag: String)] = [:]
        if let databaseURL { flags["database.url"] = (databaseURL, "--database-url") }
        if let logLevel { flags["log.level"] = (logLevel, "--log-level") }
        do {
            return try FinrcaConfiguration.load(
                file: config ?? environment["FINRCA_CONFIG"],
                environment: environment,
                flags: flags
            )
        } catch let error as JobLockHeldError {
            printError(error.description)
            throw ArgumentParser.ExitCode(ExitStatus.busy)
        } catch let error as ConfigurationError {
            printError(error.description)
            throw ExitCode(ExitStatus.usage)
        }
    }
}

/// Writes `message` to standard error with the program's name.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("finrca: \(message)\n".utf8))
}

/// Sets up swift-log once per process from the configuration: one line per event on stderr.
func bootstrapLogging(_ configuration: LogConfiguration) -> Logger {
    let level = Logger.Level(rawValue: configuration.level) ?? .info
    LoggingSystem.bootstrap { label in
        var handler = LineLogHandler(label: label, format: configuration.format)
        handler.logLevel = level
        return handler
    }
    var logger = Logger(label: "finrca")
    logger.logLevel = level
    return logger
}

extension ExitCode {
    /// The ArgumentParser exit code for a finrca ``ExitStatus``.
    init(_ status: ExitStatus) {
        self.init(status.rawValue)
    }
}

/// Runs `body`, turning finrca's typed errors into a message on stderr and the documented exit code.
func withExitCodes<Result>(_ body: () async throws -> Result) async throws -> Result {
    do {
        return try await body()
    } catch let error as DatabaseUnavailableError {
        printError(error.description)
        throw ArgumentParser.ExitCode(ExitStatus.databaseUnavailable)
    } catch let error as JobLockHeldError {
        printError(error.description)
        throw ArgumentParser.ExitCode(ExitStatus.busy)
    } catch let error as ConfigurationError {
        printError(error.description)
        throw ArgumentParser.ExitCode(ExitStatus.usage)
    } catch let error as ArgumentParser.ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        printError(String(describing: error))
        if let state = Database.sqlState(error) { printError("database error: \(Database.describe(error)) [\(state)]") }
        throw ArgumentParser.ExitCode(ExitStatus.failure)
    }
}
