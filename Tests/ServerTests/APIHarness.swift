import AsyncHTTPClient
import FinrcaTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Metrics
import NIOCore
import PostgresNIO
import Prometheus
import Server
import Shared
import Testing

/// The API over a real, fresh PostgreSQL database holding the chat fixture's documents as detector run 1,
/// seven findings, an ingest batch, a few journal lines and the user `alice`; requests go through the full
/// router (middleware included) without a socket.
struct APIHarness {
    static let secret = "api-test-secret-0123456789abcdef0123456789"
    static let password = "correct horse battery"
    /// The process-wide metrics registry (MetricsSystem can be bootstrapped once per process).
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(FinrcaServer.metricsFactory(registry: registry))
        return registry
    }()

    let client: any TestClientProtocol
    let connection: PostgresConnection
    let log: RouteLog

    /// The default limits but for the sign-in buckets, large enough for tests that log in many times, and the
    /// statement deadlines, long enough for a loaded test machine.
    static let relaxedLimits: ServerLimits = {
        var limits = ServerLimits()
        limits.authBurst = 1000
        limits.authPerMinute = 6000
        // Deadlines are tested on their own (LimitsAPITests); elsewhere a loaded test machine must not turn a slow
        // answer into a 503.
        limits.statementTimeoutMilliseconds = 60_000
        limits.databaseWait = .seconds(60)
        return limits
    }()

    /// Runs `body` with a harness; the model is called only with `modelAPIKey`.
    static func with(
        allowRegister: Bool = false,
        corsOrigins: [String] = [],
        modelURL: String? = nil,
        modelAPIKey: String? = nil,
        webAssets: WebAssets? = nil,
        limits: ServerLimits = relaxedLimits,
        chatLimits: ChatLimits = ChatLimits(),
        _ body: @escaping @Sendable (APIHarness) async throws -> Void
    ) async throws {
        var configuration = ServerConfiguration()
        configuration.limits = limits
        configuration.jwtSecret = secret
        configuration.bcryptCost = 4
        configuration.allowRegister = allowRegister
        configuration.corsOrigins = corsOrigins
        configuration.llmTimeoutSeconds = 5
        configuration.chat = chatLimits
        if let modelURL { configuration.llmURL = modelURL }
        let frozen = configuration
        try await TestDatabase.withFreshDatabase { database, connection in
            try await seed(connection)
            let postgres = PostgresClient(
                configuration: try Database.clientConfiguration(
                    database,
                    statementTimeoutMilliseconds: limits.statementTimeoutMilliseconds
                ),
                backgroundLogger: TestDatabase.logger
            )
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await postgres.run() }
                let store = DocumentStore()
                try await DocumentLoader(client: postgres, store: store, logger: TestDatabase.logger).refresh()
                let log = RouteLog()
                let router = try await FinrcaServer.router(
                    configuration: frozen,
                    dependencies: .init(
                        client: postgres,
                        store: store,
                        registry: registry,
                        httpClient: http,
                        modelAPIKey: modelAPIKey,
                        webAssets: webAssets
                    ),
                    log: log,
                    logger: TestDatabase.logger
                )
                let app = Application(router: router, logger: TestDatabase.logger)
                do {
                    try await app.test(.router) { client in
                        try await body(APIHarness(client: client, connection: connection, log: log))
                    }
                } catch {
                    group.cancelAll()
                    try? await http.shutdown()
                    throw error
                }
                group.cancelAll()
                try await http.shutdown()
            }
        }
    }

    /// Run 1 with the fixture's documents; batch 1 (`gl-2024.csv`); findings 1–7; journal lines in 2024-06
    /// and 2024-07; user alice.
    static func seed(_ connection: PostgresConnection) async throws {
        _ = try await connection.rows(
            """
            INSERT INTO detector_runs (started_at, finished_at, passes, rows_scanned, findings_total, findings_new, currency, summary, latest_period)
            VALUES (now() - interval '6 minutes', now() - interval '5 minutes', '{statistical,trend}', 48213, 42, 42, 'GBP', '{}', '2024-07')
            """
        )
        for (name, value) in try ChatFixture.documents() {
            let schema = value["schema"]?.stringValue ?? ""
            var bindings = PostgresBindings()
            bindings.append(name)
            bindings.append(schema)
            bindings.append(value.text)
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: "INSERT INTO dashboard_documents VALUES (1, $1, $2, $3::jsonb)",
                    binds: bindings
                ),
                logger: TestDatabase.logger
            )
        }
        _ = try await connection.rows(
            """
            INSERT INTO ingest_batches (file_name, file_path, file_size, profile, status, rows_read, rows_loaded)
            VALUES ('gl-2024.csv', '/inbox/gl-2024.csv', 1000, 'finance_expense', 'loaded', 6, 6)
            """
        )
        _ = try await connection.rows(
            """
            INSERT INTO findings (fingerprint, kind, severity, score, period, dimensions, dimension_path, actual, expected,
                                  delta, currency, explanation, evidence, details, first_run_id, last_run_id)
            SELECT 'fp' || i, CASE WHEN i % 2 = 0 THEN 'mom_change' ELSE 'statistical_outlier' END,
                   CASE WHEN i <= 2 THEN 'high' ELSE 'medium' END, i, '2024-07', '[{"dimension": "cost_center", "value": "31090"}]',
                   'cost_center=31090', 1000.10 * i, 1000.00, 0.10 * i, 'GBP', 'finding ' || i,
                   jsonb_build_array(jsonb_build_object('batch_id', 1, 'line', 100 + i, 'amount', 1000.10 * i)), '{}', 1, 1
            FROM generate_series(1, 7) AS i
            """
        )
        _ = try await connection.rows(Schema.createPartitionStatement(fiscalYear: 2024))
        _ = try await connection.rows(
            """
            INSERT INTO finance_expense (general_ledger_fiscal_year, posting_period, company_code_currency_value,
                                         debit_credit_ind, directorate, batch_id, source_line, company_code_currency_key)
            SELECT *, 'GBP' FROM (VALUES (2024, 6, 100.10, 'S', 'Adults', 1, 2), (2024, 6, 50.00, 'S', 'IT', 1, 3),
                   (2024, 7, 300.25, 'S', 'Adults', 1, 4), (2024, 7, 20.00, 'H', 'IT', 1, 5),
                   (2024, 7, 5.00, 'S', 'Schools', 1, 6), (2024, 5, 999.99, 'S', 'Adults', 1, 7)) AS line
            """
        )
        let hash = try await PasswordHasher(cost: 4).hash(password)
        _ = try await UserStore(logger: TestDatabase.logger).add(username: "alice", passwordHash: hash, on: connection)
    }

    /// A response's status, headers and body text.
    struct Reply {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: ByteBuffer

        var text: String { String(buffer: body) }

        func json() throws -> JSONValue { try JSONValue(parsing: text) }
    }

    /// Sends a request.
    func send(
        _ method: HTTPRequest.Method,
        _ uri: String,
        token: String? = nil,
        headers: HTTPFields = [:],
        body: String? = nil
    ) async throws -> Reply {
        var fields = headers
        if let token { fields[.authorization] = "Bearer \(token)" }
        if body != nil { fields[.contentType] = "application/json" }
        return try await client.execute(
            uri: uri,
            method: method,
            headers: fields,
            body: body.map { ByteBuffer(string: $0) }
        ) { response in
            Reply(status: response.status, headers: response.headers, body: response.body)
        }
    }

    /// Logs in as alice; returns the access and refresh tokens.
    func login(username: String = "alice", password: String = APIHarness.password) async throws -> (
        access: String, refresh: String
    ) {
        let reply = try await send(.post, "/login", body: #"{"username": "\#(username)", "password": "\#(password)"}"#)
        #expect(reply.status == .ok, "login: \(reply.text)")
        let json = try reply.json()
        return (try #require(json["access_token"]?.stringValue), try #require(json["refresh_token"]?.stringValue))
    }
}
