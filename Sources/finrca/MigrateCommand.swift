import ArgumentParser
import Logging
import PostgresNIO
import Shared

/// `finrca migrate`: brings the database schema up to date.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations (idempotent; other commands run this automatically)."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let logger = bootstrapLogging(configuration.log)
        try await withExitCodes {
            let report = try await Database.withConnection(configuration.database, logger: logger) { connection in
                try await Migrator().migrate(on: connection, logger: logger)
            }
            if report.applied.isEmpty {
                print("schema is up to date (version \(report.currentVersion)) at \(configuration.database)")
            } else {
                for migration in report.applied { print("applied migration \(migration.version): \(migration.name)") }
                print("schema is at version \(report.currentVersion) at \(configuration.database)")
            }
        }
    }
}
