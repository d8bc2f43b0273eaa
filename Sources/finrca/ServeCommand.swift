import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import Metrics
import PostgresNIO
import Prometheus
import Server
import Shared

/// `finrca serve`: the read-only HTTP API and chat, until SIGTERM or SIGINT (graceful shutdown).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the read-only HTTP API (JWT auth) and the chat from the latest detector run's documents.",
        discussion: """
            Listens on server.host:server.port. Access tokens are signed with FINRCA_SERVER_JWT_SECRET; add users with \
            `finrca user add`. The chat phrases answers with a model only when OPENROUTER_API_KEY is set. A new \
            detector run is picked up within server.refresh_seconds. SIGTERM or SIGINT stops accepting requests, \
            finishes those in flight, then exits 0. The routes are documented at GET /openapi.json.
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let configuration = try global.loadConfiguration()
        let logger = bootstrapLogging(configuration.log)
        try await withExitCodes {
            // At boot PostgreSQL may not be up yet: wait for it (logging each try) rather than exit.
            try await Database.waitUntilReachable(configuration.database, logger: logger)
            _ = try await Database.withConnection(configuration.database, logger: logger) {
                try await Migrator().migrate(on: $0, logger: logger)
            }
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(FinrcaServer.metricsFactory(registry: registry))
            let client = PostgresClient(
                configuration: try Database.clientConfiguration(
                    configuration.database,
                    statementTimeoutMilliseconds: configuration.server.limits.statementTimeoutMilliseconds
                ),
                backgroundLogger: logger
            )
            let store = DocumentStore()
            let apiKey = ProcessInfo.processInfo.environment["OPENROUTER_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
            let httpClient = apiKey.map { _ in HTTPClient(eventLoopGroupProvider: .singleton) }
            var webAssets: WebAssets?
            if let folder = WebAssets.directory(configured: configuration.server.webDirectory) {
                do {
                    webAssets = try WebAssets.load(directory: folder)
                    logger.notice(
                        "web app",
                        metadata: ["folder": .string(folder.path), "version": .string(webAssets?.version ?? "")]
                    )
                } catch {
                    printError("finrca serve: \(error) (server.web_dir)")
                    throw ExitCode(ExitStatus.usage)
                }
            } else {
                logger.notice(
                    "no web app folder (server.web_dir, or share/finrca/web beside the binary): serving the API only"
                )
            }
            let router = try await FinrcaServer.router(
                configuration: configuration.server,
                dependencies: .init(
                    client: client,
                    store: store,
                    registry: registry,
                    httpClient: httpClient,
                    modelAPIKey: apiKey,
                    webAssets: webAssets
                ),
                logger: logger
            )
            let refresher = DocumentRefresher(
                loader: DocumentLoader(client: client, store: store, logger: logger),
                interval: .seconds(configuration.server.refreshSeconds),
                logger: logger
            )
            let app = Application(
                router: router,
                server: .limitedHTTP1(configuration.server.limits, logger: logger),
                configuration: .init(
                    address: .hostname(configuration.server.host, port: configuration.server.port),
                    serverName: "finrca"
                ),
                services: [client, refresher],
                onServerRunning: { _ in
                    logger.notice(
                        "serving",
                        metadata: [
                            "address": "\(configuration.server.host):\(configuration.server.port)",
                            "model": "\(apiKey == nil ? "none" : configuration.server.llmModel)",
                        ]
                    )
                },
                logger: logger
            )
            do {
                try await app.runService()
                try await httpClient?.shutdown()
            } catch {
                try? await httpClient?.shutdown()
                throw error
            }
        }
    }
}
