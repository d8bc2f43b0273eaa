import Detector
import FinrcaTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Ingestor
import NIOCore
import PostgresNIO
import Prometheus
import SampleData
import Server
import Shared
import Testing

@Suite(
    "A ledger whose 2023 and 2024 partitions are postgres_fdw foreign tables on two other servers",
    .needsDatabase,
    .needsShardServers
)
struct ShardedLedgerTests {
    /// What one ledger gives: stored findings and documents, the API's answers, and where the lines are.
    struct Outcome: Equatable {
        var findings: [[String?]]
        var documents: [[String?]]
        var served: [String: String]
        var linesByYear: [[String?]]
    }

    @Test("ingest (with a replace), detect and serve give the same findings and documents as one server")
    func sameAsSingleServer() async throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.file("later"), withIntermediateDirectories: true)
        let files = [folder.file("ledger.csv"), folder.file("extra.csv"), folder.file("later/ledger.csv")]
        for (file, seed) in zip(files, [21, 22, 23] as [UInt64]) {
            _ = try SampleGenerator(configuration: .init(rows: 6_000, seed: seed)).write(csvPath: file, labelsPath: nil)
        }
        let single = try await outcome(files: files, shards: [])
        let shards = try TestEnvironment.shardServers()
        let sharded = try await outcome(files: files, shards: shards)
        // (fiscal year, relkind of its partition, lines): the same lines, 2023 and 2024 in foreign tables
        #expect(single.linesByYear.map { [$0[0], $0[1]] } == [["2022", "r"], ["2023", "r"], ["2024", "r"]])
        #expect(sharded.linesByYear.map { [$0[0], $0[1]] } == [["2022", "r"], ["2023", "f"], ["2024", "f"]])
        #expect(sharded.linesByYear.map { [$0[0], $0[2]] } == single.linesByYear.map { [$0[0], $0[2]] })
        #expect(!single.findings.isEmpty)
        #expect(sharded.findings == single.findings)
        #expect(sharded.documents == single.documents)
        #expect(single.served.count > 8)
        for (route, body) in single.served.sorted(by: { $0.key < $1.key }) {
            #expect(sharded.served[route] == body, "\(route)")
        }
    }

    /// Loads `files` (the third replacing the first) into a fresh ledger, with 2023 and 2024 on `shards` when
    /// given, runs the detector and asks the API.
    private func outcome(files: [String], shards: [DatabaseConfiguration]) async throws -> Outcome {
        try await withShardDatabases(shards) { shardDatabases in
            try await TestDatabase.withFreshDatabase { database, connection in
                for (year, shard) in zip([2023, 2024], shardDatabases) {
                    _ = try await ShardManager(logger: TestDatabase.logger)
                        .attach(fiscalYear: year, shard: shard, on: connection)
                }
                let loader = BatchLoader(configuration: IngestConfiguration(), logger: TestDatabase.logger)
                for (index, file) in files.enumerated() {
                    let report = try await loader.load(
                        .init(path: file, profile: .financeExpense, replace: index == 2),
                        on: connection
                    )
                    #expect(report.status == .loaded)
                }
                _ = try await DetectorRunner(configuration: DetectorConfiguration(), logger: TestDatabase.logger)
                    .run(on: connection, now: Date(timeIntervalSince1970: 1_733_000_000))
                for (year, shard) in zip([2023, 2024], shardDatabases) {
                    // the lines are on the shard, not here
                    let there = try await Database.withConnection(shard, logger: TestDatabase.logger) { remote in
                        try await remote.value("SELECT count(*)::text FROM \(Schema.partitionName(fiscalYear: year))")
                    }
                    let here = try await connection.value(
                        "SELECT count(*)::text FROM finance_expense WHERE general_ledger_fiscal_year = \(year)"
                    )
                    #expect(there == here)
                }
                if !shardDatabases.isEmpty {
                    // a new session has partition-wise aggregation on (shard attach set it for the database): the
                    // waterfall's sums per fiscal year run on the shards
                    let plan = try await Database.withConnection(database, logger: TestDatabase.logger) { session in
                        try await session.rows(
                            """
                            EXPLAIN (VERBOSE) SELECT directorate, sum(amount) FILTER (WHERE posting_period = 1)
                            FROM finance_expense
                            WHERE general_ledger_fiscal_year IN (2023, 2024) AND company_code_currency_key = 'IDR'
                            GROUP BY general_ledger_fiscal_year, 1
                            """
                        )
                        .compactMap { $0[0] }.joined(separator: "\n")
                    }
                    #expect(plan.contains("Relations: Aggregate on (public.finance_expense_y2023"), "\(plan)")
                    #expect(plan.contains("Relations: Aggregate on (public.finance_expense_y2024"), "\(plan)")
                }
                return Outcome(
                    findings: try await connection.rows(
                        """
                        SELECT fingerprint, kind, severity, score::text, period, dimension_path, actual::text,
                               expected::text, delta::text, currency, explanation, evidence::text, details::text
                        FROM findings ORDER BY fingerprint
                        """
                    ),
                    documents: try await connection.rows(
                        "SELECT run_id::text, name, document::text FROM dashboard_documents ORDER BY name"
                    ),
                    served: try await served(database),
                    linesByYear: try await connection.rows(
                        """
                        SELECT general_ledger_fiscal_year::text, c.relkind::text, count(*)::text
                        FROM finance_expense x JOIN pg_class c ON c.oid = x.tableoid GROUP BY 1, 2 ORDER BY 1
                        """
                    )
                )
            }
        }
    }

    /// The API's answers on `database`: findings, each finding's evidence lines, waterfalls across the shards,
    /// explore and the documents.
    private func served(_ database: DatabaseConfiguration) async throws -> [String: String] {
        var configuration = ServerConfiguration()
        configuration.jwtSecret = "shard-test-secret-0123456789abcdef0123456789"
        configuration.bcryptCost = 4
        let postgres = PostgresClient(
            configuration: try Database.clientConfiguration(database),
            backgroundLogger: TestDatabase.logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await postgres.run() }
            defer { group.cancelAll() }
            let store = DocumentStore()
            _ = try await DocumentLoader(client: postgres, store: store, logger: TestDatabase.logger).refresh()
            try await postgres.withConnection { connection in
                let hash = try await PasswordHasher(cost: 4).hash("shard test password")
                _ = try await UserStore(logger: TestDatabase.logger)
                    .add(username: "auditor", passwordHash: hash, on: connection)
            }
            let router = try await FinrcaServer.router(
                configuration: configuration,
                dependencies: .init(client: postgres, store: store, registry: PrometheusCollectorRegistry()),
                logger: TestDatabase.logger
            )
            return try await Application(router: router, logger: TestDatabase.logger)
                .test(.router) { client in
                    let login = try await client.execute(
                        uri: "/login",
                        method: .post,
                        headers: [.contentType: "application/json"],
                        body: ByteBuffer(string: #"{"username": "auditor", "password": "shard test password"}"#)
                    ) { String(buffer: $0.body) }
                    let token = try #require(try JSONValue(parsing: login)["access_token"]?.stringValue)
                    func get(_ uri: String) async throws -> String {
                        try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"]) {
                            response in
                            #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
                            return String(buffer: response.body)
                        }
                    }
                    var routes = [
                        "/findings?limit=500", "/dashboard", "/charts/rca-waterfall",
                        "/charts/rca-waterfall?from=2023-12&to=2024-01",
                        "/charts/rca-waterfall?from=2022-06&to=2024-06",
                        "/explore/bridge?from=2023-03&to=2024-03", "/explore/lines?from=2023-11&to=2024-02&limit=50",
                    ]
                    let list = try JSONValue(parsing: try await get("/findings?limit=500"))
                    for finding in list["findings"]?.arrayValue ?? [] {
                        if let id = finding["id"]?.intValue { routes.append("/findings/\(id)/lines?limit=1000") }
                    }
                    var served: [String: String] = [:]
                    for route in routes { served[route] = Self.withoutClockTimes(try await get(route)) }
                    return served
                }
        }
    }

    /// `json` with the values of the fields that hold wall-clock times (when the run finished, when a finding
    /// was first and last seen) replaced by `"…"`: the two ledgers are detected a minute apart.
    static func withoutClockTimes(_ json: String) -> String {
        json.replacing(
            #/"(finished_at|started_at|first_seen|last_seen)": ?"[^"]*"/#,
            with: { match in "\"\(match.output.1)\": \"…\"" }
        )
    }

    /// Runs `body` with a fresh database on each of `shards`, dropped afterwards.
    private func withShardDatabases<Result>(
        _ shards: [DatabaseConfiguration],
        _ body: ([DatabaseConfiguration]) async throws -> Result
    ) async throws -> Result {
        let databases = shards.map { shard in
            var database = shard
            database.database = "finrca_shard_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
            return database
        }
        func dropAll() async {
            for (shard, database) in zip(shards, databases) {
                try? await Database.dropDatabase(database.database, on: shard, logger: TestDatabase.logger)
            }
        }
        do {
            for (shard, database) in zip(shards, databases) {
                try await Database.createDatabase(database.database, on: shard, logger: TestDatabase.logger)
            }
            let result = try await body(databases)
            await dropAll()
            return result
        } catch {
            await dropAll()
            throw error
        }
    }
}
