import ArgumentParser
import Foundation
import Ingestor
import Logging
import PostgresNIO
import Shared

/// `finrca shard attach`: puts a fiscal year's partition of the ledger on another PostgreSQL server.
struct ShardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shard",
        abstract: "Fiscal-year partitions of the ledger on other PostgreSQL servers (postgres_fdw).",
        subcommands: [ShardAttach.self]
    )
}

struct ShardAttach: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Make a fiscal year's partition a foreign table on another PostgreSQL server.",
        discussion: """
            Creates the partition's table on the shard (the ledger's columns and checks, and its BRIN index) unless \
            it exists, then here: the postgres_fdw extension, a foreign server and user mapping, the foreign \
            partition, and partition-wise aggregation for the database. Loads then write that year's lines to the \
            shard and detect and serve read them through postgres_fdw. The year must not have a partition yet. \
            Needs a superuser here (CREATE EXTENSION, CREATE SERVER). A password for the shard comes from the URL \
            or FINRCA_SHARD_PASSWORD and is stored in the user mapping.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "The fiscal year whose partition goes to the shard.")
    var year: Int

    @Option(name: .long, help: "The shard's database: postgres://user[:password]@host[:port]/database.")
    var server: String

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let logger = bootstrapLogging(configuration.log)
        var shardEnvironment = ["FINRCA_DATABASE_URL": server]
        shardEnvironment["FINRCA_DATABASE_PASSWORD"] = ProcessInfo.processInfo.environment["FINRCA_SHARD_PASSWORD"]
        try await withExitCodes {
            let shard = try FinrcaConfiguration.load(file: nil, environment: shardEnvironment).database
            let attachment = try await Database.withConnection(configuration.database, logger: logger) { connection in
                _ = try await Migrator().migrate(on: connection, logger: logger)
                return try await ShardManager(logger: logger).attach(fiscalYear: year, shard: shard, on: connection)
            }
            print(
                "\(attachment.partition) is now a foreign table on \(shard) (server \(attachment.server), "
                    + "\(attachment.rows) lines there)"
            )
        }
    }
}
