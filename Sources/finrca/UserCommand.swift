import ArgumentParser
import Foundation
import Logging
import PostgresNIO
import Server
import Shared

/// `finrca user add|list|disable`: the accounts of the HTTP API.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage the HTTP API's users.",
        subcommands: [Add.self, List.self, Disable.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Add a user; the password (at least 12 characters) is read from standard input, never from an argument."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "User name: 1-64 characters of A-Z a-z 0-9 . _ @ -")
        var username: String

        @Flag(
            help:
                "Read the password as the first line of standard input (for scripts); otherwise it is asked for without echo."
        )
        var passwordStdin = false

        func run() async throws {
            let configuration = try global.loadConfiguration()
            let logger = bootstrapLogging(configuration.log)
            let password: String
            if passwordStdin {
                password = readLine(strippingNewline: true) ?? ""
            } else {
                guard let typed = getpass("Password for \(username): ") else { throw ExitCode(ExitStatus.usage) }
                password = String(cString: typed)
            }
            do {
                guard UserStore.isValidName(username) else { throw UserStore.AddError.invalidName(username) }
                try UserStore.checkPassword(password)
            } catch {
                printError("finrca user add: \(error)")
                throw ExitCode(ExitStatus.usage)
            }
            try await withExitCodes {
                let hash = try await PasswordHasher(cost: configuration.server.bcryptCost).hash(password)
                try await Database.withMigratedConnection(configuration.database, logger: logger) { connection in
                    do {
                        let id = try await UserStore(logger: logger)
                            .add(username: username, passwordHash: hash, on: connection)
                        print("added user \(username) (id \(id))")
                    } catch let error as UserStore.AddError {
                        printError("finrca user add: \(error)")
                        throw ExitCode(ExitStatus.usage)
                    }
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let configuration = try global.loadConfiguration()
            let logger = bootstrapLogging(configuration.log)
            try await withExitCodes {
                try await Database.withMigratedConnection(configuration.database, logger: logger) { connection in
                    let users = try await UserStore(logger: logger).list(on: connection)
                    for user in users {
                        print(
                            "\(user.id)\t\(user.username)\t\(user.disabled ? "disabled" : "active")\t\(ISO8601DateFormatter().string(from: user.createdAt))"
                        )
                    }
                    print("\(users.count) user\(users.count == 1 ? "" : "s")")
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Disable a user: no new logins, refresh tokens revoked (access tokens expire within server.access_token_minutes)."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "User name.")
        var username: String

        func run() async throws {
            let configuration = try global.loadConfiguration()
            let logger = bootstrapLogging(configuration.log)
            try await withExitCodes {
                try await Database.withMigratedConnection(configuration.database, logger: logger) { connection in
                    guard try await UserStore(logger: logger).disable(username: username, on: connection) else {
                        printError("finrca user disable: no user \(username)")
                        throw ExitCode(ExitStatus.usage)
                    }
                    print("disabled user \(username); refresh tokens revoked")
                }
            }
        }
    }
}
