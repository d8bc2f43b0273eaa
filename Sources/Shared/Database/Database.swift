import Foundation
public import Logging
import NIOSSL
public import PostgresNIO

/// Opens PostgreSQL connections for finrca's batch commands.
///
/// A one-shot command (migrate, ingest, detect) holds one dedicated connection for its whole run, which
/// keeps a load's transaction, locks and COPY on one session. Long-running services use a `PostgresClient`.
public enum Database {
    /// The postgres-nio connection settings for `configuration`.
    public static func connectionConfiguration(
        _ configuration: DatabaseConfiguration
    ) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch configuration.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var connection = PostgresConnection.Configuration(
            host: configuration.host,
            port: configuration.port,
            username: configuration.username,
            password: configuration.password,
            database: configuration.database,
            tls: tls
        )
        let seconds = configuration.connectTimeout.components.seconds
        connection.options.connectTimeout = .seconds(seconds)
        return connection
    }

    /// The settings of a connection pool (`finrca serve`) with at most `database.pool_size` connections; with
    /// `statementTimeoutMilliseconds`, every connection starts with that `statement_timeout`.
    public static func clientConfiguration(
        _ configuration: DatabaseConfiguration,
        statementTimeoutMilliseconds: Int? = nil
    ) throws -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch configuration.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(.makeClientConfiguration())
        case .require: tls = .require(.makeClientConfiguration())
        }
        var client = PostgresClient.Configuration(
            host: configuration.host,
            port: configuration.port,
            username: configuration.username,
            password: configuration.password,
            database: configuration.database,
            tls: tls
        )
        client.options.maximumConnections = configuration.poolSize
        client.options.connectTimeout = .seconds(configuration.connectTimeout.components.seconds)
        if let statementTimeoutMilliseconds {
            client.options.additionalStartupParameters.append(
                ("statement_timeout", String(statementTimeoutMilliseconds))
            )
        }
        return client
    }

    /// Opens a connection, runs `body` with it and closes it, also when `body` throws.
    ///
    /// - Throws: ``DatabaseUnavailableError`` when the server cannot be reached or refuses the login;
    ///   otherwise whatever `body` throws.
    public static func withConnection<Result>(
        _ configuration: DatabaseConfiguration,
        logger: Logger,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: try connectionConfiguration(configuration),
                id: 1,
                logger: logger
            )
        } catch {
            throw DatabaseUnavailableError(endpoint: configuration.description, reason: describe(error))
        }
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// ``withConnection(_:logger:_:)`` after bringing the schema up to date, as every command but `migrate` does.
    public static func withMigratedConnection<Result>(
        _ configuration: DatabaseConfiguration,
        logger: Logger,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await withConnection(configuration, logger: logger) { connection in
            _ = try await Migrator().migrate(on: connection, logger: logger)
            return try await body(connection)
        }
    }

    /// A short, safe description of a driver error: the server's message and SQLSTATE, or the error's type.
    public static func describe(_ error: any Error) -> String {
        if let error = error as? PostgresTransactionError {
            return describe(error.closureError ?? error.commitError ?? error.beginError ?? error.rollbackError ?? error)
        }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + state
            }
            if let underlying = error.underlying {
                return "\(error.code): \(underlying)"
            }
            return "\(error.code)"
        }
        return "\(error)"
    }

    /// The SQLSTATE of a server error, if `error` is one.
    public static func sqlState(_ error: any Error) -> String? {
        if let error = error as? PostgresTransactionError, let inner = error.closureError ?? error.commitError {
            return sqlState(inner)
        }
        return (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}
