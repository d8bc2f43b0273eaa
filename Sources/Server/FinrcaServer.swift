public import AsyncHTTPClient
public import Hummingbird
public import Logging
public import PostgresNIO
public import Prometheus
public import Shared

/// Builds `finrca serve`'s application: routes, middleware and the services that run beside the HTTP server.
public enum FinrcaServer {
    /// What the routes need.
    public struct Dependencies: Sendable {
        /// The connection pool (run it as a service: it is added to the application's services).
        public var client: PostgresClient
        /// The documents being served.
        public var store: DocumentStore
        /// Where `/metrics` reads the process's metrics.
        public var registry: PrometheusCollectorRegistry
        /// For the model call, when `OPENROUTER_API_KEY` is set.
        public var httpClient: HTTPClient?
        /// `OPENROUTER_API_KEY`.
        public var modelAPIKey: String?
        /// The web app served at `/` to browsers; nil = API only.
        public var webAssets: WebAssets?

        /// Creates the dependencies.
        public init(
            client: PostgresClient,
            store: DocumentStore,
            registry: PrometheusCollectorRegistry,
            httpClient: HTTPClient? = nil,
            modelAPIKey: String? = nil,
            webAssets: WebAssets? = nil
        ) {
            self.client = client
            self.store = store
            self.registry = registry
            self.httpClient = httpClient
            self.modelAPIKey = modelAPIKey
            self.webAssets = webAssets
        }
    }

    /// A Prometheus metrics factory writing into `registry`, with names made Prometheus-safe
    /// (`hb.request.duration` → `hb_request_duration`); bootstrap `MetricsSystem` with it once per process.
    public static func metricsFactory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.nameAndLabelSanitizer = { label, dimensions in
            (metricName(label), dimensions.map { (metricName($0.0), $0.1) })
        }
        return factory
    }

    static func metricName(_ label: String) -> String {
        String(label.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" ? $0 : "_" })
    }

    /// The router with every route; `log` records them.
    ///
    /// - Throws: ``ConfigurationError`` when `server.jwt_secret` is not set.
    public static func router(
        configuration: ServerConfiguration,
        dependencies: Dependencies,
        log: RouteLog = RouteLog(),
        logger: Logger
    ) async throws -> Router<FinrcaRequestContext> {
        guard let secret = configuration.jwtSecret else {
            throw ConfigurationError(
                key: "server.jwt_secret",
                source: "environment",
                reason: "FINRCA_SERVER_JWT_SECRET is not set (at least 32 bytes); serve needs it to sign access tokens"
            )
        }
        let issuer = await TokenIssuer(secret: secret, accessLifetime: .seconds(60 * configuration.accessTokenMinutes))
        let router = Router(context: FinrcaRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: LogRequestsMiddleware(.debug))
        router.add(middleware: DatabaseErrorMiddleware(logger: logger))
        router.add(middleware: MethodNotAllowedMiddleware(log: log))
        if !configuration.corsOrigins.isEmpty {
            router.add(middleware: OriginCORSMiddleware(origins: configuration.corsOrigins))
        }
        if let assets = dependencies.webAssets {
            router.add(middleware: WebAppMiddleware(assets: assets))
        }
        let routes = RouteRecorder(router, log: log)
        let client = dependencies.client
        let store = dependencies.store
        MetaController(client: client, store: store, logger: logger).add(to: routes)
        let limits = configuration.limits
        // Routes that read the database answer within their class's statement timeout plus the database wait.
        let cheap = DeadlineRoutes(routes, deadline: limits.cheapDeadline)
        MetricsController(registry: dependencies.registry, client: client, logger: logger).add(to: cheap)
        let hasher = PasswordHasher(
            cost: configuration.bcryptCost,
            gate: PasswordHashGate(permits: limits.passwordHashes)
        )
        let auth = AuthController(
            client: client,
            issuer: issuer,
            hasher: hasher,
            refreshLifetime: .seconds(86_400 * configuration.refreshTokenDays),
            allowRegister: configuration.allowRegister,
            limiter: AuthRateLimiter(limits: limits),
            logger: logger
        )
        auth.add(to: cheap)
        let protected = routes.group().add(middleware: BearerAuthenticator(issuer: issuer))
        auth.addMe(to: protected)
        let documents = DocumentController(store: store)
        documents.add(to: protected)
        let protectedCheap = DeadlineRoutes(protected, deadline: limits.cheapDeadline)
        let protectedBounded = DeadlineRoutes(protected, deadline: limits.boundedDeadline)
        let timeouts = StatementTimeouts(boundedMilliseconds: limits.boundedStatementTimeoutMilliseconds)
        WaterfallController(documents: documents, client: client, timeouts: timeouts, logger: logger)
            .add(to: protectedBounded)
        FindingsController(client: client, logger: logger).add(to: protectedCheap)
        FindingLinesController(client: client, timeouts: timeouts, logger: logger).add(to: protectedBounded)
        ReviewController(client: client, logger: logger).add(to: protectedCheap)
        ExploreController(store: store, client: client, timeouts: timeouts, logger: logger).add(to: protectedBounded)
        UsersController(client: client, hasher: hasher, logger: logger).add(to: protectedCheap)
        var model: ChatModelClient?
        if let httpClient = dependencies.httpClient, let key = dependencies.modelAPIKey {
            model = ChatModelClient(
                client: httpClient,
                url: configuration.llmURL,
                apiKey: key,
                model: configuration.llmModel,
                timeout: .seconds(configuration.llmTimeoutSeconds),
                logger: logger
            )
        }
        // A chat answer may wait for the model as well.
        let chat = DeadlineRoutes(protected, deadline: limits.cheapDeadline + .seconds(configuration.llmTimeoutSeconds))
        ChatController(client: client, store: store, model: model, limits: configuration.chat, logger: logger)
            .add(to: chat)
        return router
    }
}
