import CompressNIO
import FinrcaTestSupport
import Foundation
import Hummingbird
import NIOCore
import Server
import Shared
import Testing

@Suite("HTTP API over a real database: auth, documents, findings, waterfall, chat, OpenAPI", .needsDatabase)
struct APITests {
    @Test("401 without a token, with an expired, a tampered, a foreign-key and an alg:none token; 200 with a valid one")
    func tokens() async throws {
        try await APIHarness.with { api in
            let (access, _) = try await api.login()
            #expect(try await api.send(.get, "/eda", token: access).status == .ok)
            let missing = try await api.send(.get, "/eda")
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(try missing.json()["error"]?["code"]?.stringValue == "unauthorized")
            let user = AuthenticatedUser(id: 1, username: "alice")
            let expired = try await TokenIssuer(secret: APIHarness.secret, accessLifetime: .seconds(900))
                .accessToken(for: user, now: Date(timeIntervalSinceNow: -3600))
            #expect(try await api.send(.get, "/eda", token: expired).status == .unauthorized)
            let foreign = try await TokenIssuer(
                secret: String(repeating: "x", count: 40),
                accessLifetime: .seconds(900)
            )
            .accessToken(for: user)
            #expect(try await api.send(.get, "/eda", token: foreign).status == .unauthorized)
            var parts = access.split(separator: ".").map(String.init)
            let tamperedPayload = Data(#"{"sub":"1","name":"mallory","iat":1,"exp":9999999999,"typ":"access"}"#.utf8)
                .base64URL
            #expect(
                try await api.send(.get, "/eda", token: [parts[0], tamperedPayload, parts[2]].joined(separator: "."))
                    .status == .unauthorized
            )
            parts[2] = String(parts[2].reversed())
            #expect(try await api.send(.get, "/eda", token: parts.joined(separator: ".")).status == .unauthorized)
            let none = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64URL + "." + tamperedPayload + "."
            #expect(try await api.send(.get, "/eda", token: none).status == .unauthorized)
            #expect(
                try await api.send(.get, "/eda", headers: [.authorization: "Basic YWxpY2U6eA=="]).status
                    == .unauthorized
            )
            #expect(
                try await api.send(.post, "/login", body: #"{"username":"alice","password":"wrong password!"}"#).status
                    == .unauthorized
            )
            #expect(
                try await api.send(.post, "/login", body: #"{"username":"nobody","password":"wrong password!"}"#).status
                    == .unauthorized
            )
        }
    }

    @Test(
        "refresh rotates the refresh token; the old one is refused and its reuse revokes every session; logout revokes"
    )
    func refreshAndLogout() async throws {
        try await APIHarness.with { api in
            let (_, first) = try await api.login()
            let rotated = try await api.send(.post, "/refresh", body: #"{"refresh_token": "\#(first)"}"#)
            #expect(rotated.status == .ok)
            let json = try rotated.json()
            #expect(json["token_type"]?.stringValue == "Bearer" && json["expires_in"]?.intValue == 900)
            let second = try #require(json["refresh_token"]?.stringValue)
            #expect(second != first)
            #expect(
                try await api.send(.get, "/runs", token: try #require(json["access_token"]?.stringValue)).status == .ok
            )
            // Reusing the rotated-out token: refused, and the new one is revoked with it.
            #expect(
                try await api.send(.post, "/refresh", body: #"{"refresh_token": "\#(first)"}"#).status == .unauthorized
            )
            #expect(
                try await api.send(.post, "/refresh", body: #"{"refresh_token": "\#(second)"}"#).status == .unauthorized
            )
            let (_, third) = try await api.login()
            #expect(try await api.send(.post, "/logout", body: #"{"refresh_token": "\#(third)"}"#).status == .noContent)
            #expect(
                try await api.send(.post, "/refresh", body: #"{"refresh_token": "\#(third)"}"#).status == .unauthorized
            )
            #expect(
                try await api.connection.value(
                    "SELECT count(*)::text FROM api_refresh_tokens WHERE token_sha256 = '\(TokenIssuer.sha256(third))'"
                ) == "1"
            )
            #expect(
                try await api.connection.value(
                    "SELECT count(*)::text FROM api_refresh_tokens WHERE token_sha256 LIKE 'rt_%'"
                ) == "0",
                "tokens are stored hashed"
            )
            _ = try await api.connection.rows("UPDATE api_users SET disabled = true WHERE username = 'alice'")
            #expect(
                try await api.send(.post, "/login", body: #"{"username":"alice","password":"\#(APIHarness.password)"}"#)
                    .status == .unauthorized
            )
        }
    }

    @Test("/register: 404 when disabled; when enabled 201, 409 for a taken name, 400 for a weak password")
    func register() async throws {
        try await APIHarness.with { api in
            let refused = try await api.send(
                .post,
                "/register",
                body: #"{"username":"bob","password":"long enough pw"}"#
            )
            #expect(refused.status == .notFound)
        }
        try await APIHarness.with(allowRegister: true) { api in
            let created = try await api.send(
                .post,
                "/register",
                body: #"{"username":"bob","password":"long enough pw"}"#
            )
            #expect(try created.status == .created && created.json()["username"]?.stringValue == "bob")
            #expect(
                try await api.send(.post, "/register", body: #"{"username":"bob","password":"long enough pw"}"#).status
                    == .conflict
            )
            #expect(
                try await api.send(.post, "/register", body: #"{"username":"carol","password":"short"}"#).status
                    == .badRequest
            )
            #expect(
                try await api
                    .send(
                        .post,
                        "/register",
                        body: #"{"username":"x'; DROP TABLE api_users;--","password":"long enough pw"}"#
                    )
                    .status == .badRequest
            )
            _ = try await api.login(username: "bob", password: "long enough pw")
        }
    }

    @Test(
        "documents: exact decimals as stored, ETag and 304, gzip on request, 400 for unknown values and injection attempts"
    )
    func documents() async throws {
        try await APIHarness.with { api in
            let (token, _) = try await api.login()
            let eda = try await api.send(.get, "/eda", token: token)
            #expect(eda.status == .ok)
            #expect(eda.text.contains("12345678.90") && eda.text.contains("-154321.10"))
            #expect(eda.headers[.cacheControl] == "private, no-cache")
            let etag = try #require(eda.headers[.eTag])
            #expect(etag.hasPrefix("\"r1-"))
            let notModified = try await api.send(.get, "/eda", token: token, headers: [.ifNoneMatch: etag])
            #expect(notModified.status == .notModified && notModified.body.readableBytes == 0)
            #expect(
                try await api.send(.get, "/eda", token: token, headers: [.ifNoneMatch: "\"r0-0000\""]).status == .ok
            )
            var zipped = try await api.send(.get, "/eda", token: token, headers: [.acceptEncoding: "br, gzip;q=0.8"])
            #expect(zipped.headers[.contentEncoding] == "gzip")
            #expect(String(buffer: try zipped.body.decompress(with: .gzip())) == eda.text)
            #expect(
                try await api.send(.get, "/eda", token: token, headers: [.acceptEncoding: "gzip;q=0"])
                    .headers[.contentEncoding] == nil
            )

            let breakdown = try await api.send(.get, "/eda/breakdown/directorate", token: token)
            #expect(breakdown.status == .ok && breakdown.text.contains("\"Adults\""))
            for uri in [
                "/eda/breakdown/company", "/eda/breakdown/directorate%3BDROP%20TABLE%20findings",
                "/eda/timeseries?group_by=week",
                "/eda/timeseries?group_by=month_year'%20OR%201=1--", "/anomaly/detect?method=magic",
                "/findings?severity=urgent",
                "/findings?kind=mom_change'%20OR%20'1'='1", "/findings?limit=0", "/findings?limit=abc",
                "/findings?cursor=Zm9v",
                "/findings?period=2024-99", "/runs?limit=1000", "/charts/rca-waterfall?from=2024-99",
                "/charts/rca-waterfall?from=2024-06&to=2024-07&dimension=amount;DELETE",
            ] {
                let reply = try await api.send(.get, uri, token: token)
                #expect(reply.status == .badRequest, "\(uri) → \(reply.status)")
                #expect(try reply.json()["error"]?["code"]?.stringValue?.hasPrefix("invalid_") == true, "\(uri)")
            }
            #expect(try await api.connection.value("SELECT count(*)::text FROM findings") == "7")
            let series = try await api.send(.get, "/eda/timeseries?group_by=fiscal_year", token: token)
            #expect(series.status == .ok && series.text.contains("\"fiscal_year\""))
            for method in ["all", "statistical", "ml", "trends"] {
                #expect(
                    try await api.send(.get, "/anomaly/detect?method=\(method)", token: token).status == .ok,
                    "\(method)"
                )
            }
            let all = try await api.send(.get, "/anomaly/detect", token: token).json()
            #expect(all["statistical"]?["flagged_lines"]?.intValue == 27 && all["ml"]?["flagged_lines"]?.intValue == 15)
            for uri in [
                "/anomaly/statistical", "/anomaly/ml", "/anomaly/trends", "/charts/trend", "/charts/category-breakdown",
                "/charts/heatmap", "/charts/anomaly-scatter", "/charts/available", "/charts/rca-waterfall",
            ] {
                let reply = try await api.send(.get, uri, token: token)
                #expect(reply.status == .ok && reply.headers[.eTag] != nil, "\(uri)")
            }
            let dashboard = try await api.send(.get, "/dashboard", token: token).json()
            #expect(dashboard["run_id"]?.intValue == 1)
            #expect(dashboard["summary"]?["total_spend"]?.decimalTextValue == "12345678.90")
            #expect(dashboard["charts"]?["trend"]?["figure"] != nil)
        }
    }

    @Test(
        "findings: filters, cursor pagination without overlap, one finding with its evidence lines and file name; runs"
    )
    func findings() async throws {
        try await APIHarness.with { api in
            let (token, _) = try await api.login()
            var seen: [Int64] = []
            var cursor: String?
            var pages = 0
            repeat {
                let uri = "/findings?limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await api.send(.get, uri, token: token).json()
                seen += (page["findings"]?.arrayValue ?? []).compactMap { $0["id"]?.intValue }
                cursor = page["next_cursor"]?.stringValue
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(seen == [7, 6, 5, 4, 3, 2, 1])
            let high = try await api.send(.get, "/findings?severity=high&kind=mom_change", token: token).json()
            #expect(high["findings"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [2])
            let one = try await api.send(.get, "/findings/3", token: token)
            #expect(one.status == .ok)
            let finding = try one.json()
            #expect(finding["actual"]?.decimalTextValue == "3000.30" && finding["delta"]?.decimalTextValue == "0.30")
            let evidence = try #require(finding["evidence"]?.arrayValue?.first)
            #expect(evidence["file_name"]?.stringValue == "gl-2024.csv" && evidence["line"]?.intValue == 103)
            #expect(evidence["amount"]?.decimalTextValue == "3000.30")
            #expect(try await api.send(.get, "/findings/99", token: token).status == .notFound)
            #expect(try await api.send(.get, "/findings/abc", token: token).status == .badRequest)
            let runs = try await api.send(.get, "/runs", token: token).json()
            #expect(runs["runs"]?.arrayValue?.first?["findings_total"]?.intValue == 42)
        }
    }

    @Test("rca waterfall for other periods: bridged exactly from the journal lines (GET and POST)")
    func waterfall() async throws {
        try await APIHarness.with { api in
            let (token, _) = try await api.login()
            let get = try await api.send(
                .get,
                "/charts/rca-waterfall?from=2024-06&to=2024-07&dimension=directorate",
                token: token
            )
            #expect(get.status == .ok, "\(get.text)")
            let figure = try get.json()
            let trace = try #require(figure["figure"]?["data"]?.arrayValue?.first)
            // 2024-06: Adults 100.10 + IT 50.00 = 150.10; 2024-07: Adults 300.25, IT -20.00, Schools 5.00 = 285.25.
            #expect(
                trace["x"]?.arrayValue?.compactMap(\.stringValue) == ["2024-06", "Adults", "IT", "Schools", "2024-07"]
            )
            #expect(
                trace["y"]?.arrayValue?.compactMap(\.decimalTextValue) == [
                    "150.10", "200.15", "-70.00", "5.00", "285.25",
                ]
            )
            let post = try await api.send(
                .post,
                "/charts/rca-waterfall",
                token: token,
                body: #"{"from":"2024-06","to":"2024-07","dimension":"directorate"}"#
            )
            #expect(post.status == .ok && post.text == get.text)
            let latest = try await api.send(.get, "/charts/rca-waterfall?dimension=directorate", token: token)
            #expect(latest.text == get.text, "without periods: the latest flagged change's, 2024-06 → 2024-07")
            let document = try await api.send(.get, "/charts/rca-waterfall", token: token)
            let bodiless = try await api.send(.post, "/charts/rca-waterfall", token: token)
            #expect(bodiless.status == .ok && bodiless.text == document.text, "the request body is optional")
            let half = try await api.send(.post, "/charts/rca-waterfall", token: token, body: #"{"from":"2024-06"}"#)
            #expect(half.text == get.text, "to is the latest flagged change's, 2024-07")
        }
    }

    @Test("service routes: /, /health-check, /openapi.json, /metrics without a token")
    func service() async throws {
        try await APIHarness.with { api in
            #expect(try await api.send(.get, "/").status == .ok)
            let health = try await api.send(.get, "/health-check").json()
            #expect(health["status"]?.stringValue == "ok" && health["database"]?["reachable"] == .bool(true))
            #expect(health["last_run"]?["id"]?.intValue == 1)
            #expect((health["last_run"]?["age_seconds"]?.intValue ?? -1) >= 299)
            let (token, _) = try await api.login()
            _ = try await api.send(.get, "/eda", token: token)
            let metrics = try await api.send(.get, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("finrca_findings{kind=\"mom_change\",severity=\"high\"} 1"))
            #expect(metrics.text.contains("finrca_ingest_rows{outcome=\"loaded\"} 6"))
            #expect(
                metrics.text.contains(
                    "hb_requests{http_route=\"/eda\",http_request_method=\"GET\",http_response_status_code=\"200\"}"
                )
            )
            #expect(metrics.text.contains("http_server_request_duration_bucket{http_route=\"/eda\""))
        }
    }

    @Test(
        "CORS: a listed origin gets its preflight and Access-Control-Allow-Origin; another origin gets no CORS headers"
    )
    func cors() async throws {
        try await APIHarness.with(corsOrigins: ["https://dashboard.example.org"]) { api in
            let preflight = try await api.send(
                .options,
                "/eda",
                headers: [
                    .origin: "https://dashboard.example.org", .accessControlRequestMethod: "GET",
                ]
            )
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "https://dashboard.example.org")
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
            let (token, _) = try await api.login()
            let allowed = try await api.send(
                .get,
                "/eda",
                token: token,
                headers: [.origin: "https://dashboard.example.org"]
            )
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://dashboard.example.org")
            #expect(allowed.headers[.accessControlExposeHeaders] == "ETag")
            let other = try await api.send(.get, "/eda", token: token, headers: [.origin: "https://evil.example.com"])
            #expect(other.status == .ok && other.headers[.accessControlAllowOrigin] == nil)
            #expect(
                try await api
                    .send(
                        .options,
                        "/eda",
                        headers: [.origin: "https://evil.example.com", .accessControlRequestMethod: "GET"]
                    )
                    .headers[.accessControlAllowOrigin] == nil
            )
        }
    }

    @Test("the OpenAPI document passes openapi-spec-validator (installed by scripts/test.sh)")
    func openAPIValidates() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-m", "openapi_spec_validator",
            EmailTestSink.repositoryRoot.appendingPathComponent("Sources/Server/Resources/openapi.json").path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(
            text.contains(": OK"),
            "\(text) — install it with `python3 -m pip install openapi-spec-validator` (scripts/test.sh does)"
        )
    }

    @Test("the OpenAPI document is valid JSON 3.1 and lists exactly the routes the router registered")
    func openAPIMatchesRoutes() async throws {
        try await APIHarness.with { api in
            let reply = try await api.send(.get, "/openapi.json")
            let document = try reply.json()
            #expect(document["openapi"]?.stringValue == "3.1.0")
            var documented = Set<RouteEntry>()
            for (path, item) in document["paths"]?.objectValue ?? [] {
                for (method, _) in item.objectValue ?? []
                where ["get", "post", "put", "patch", "delete"].contains(method) {
                    documented.insert(RouteEntry(method: method.uppercased(), path: path))
                }
            }
            let registered = Set(api.log.routes)
            #expect(registered.count >= 30)
            #expect(
                registered.subtracting(documented).isEmpty,
                "registered, not documented: \(registered.subtracting(documented))"
            )
            #expect(
                documented.subtracting(registered).isEmpty,
                "documented, not registered: \(documented.subtracting(registered))"
            )
            let publicPaths: Set<String> = [
                "/", "/health-check", "/openapi.json", "/metrics", "/login", "/refresh", "/logout", "/register",
            ]
            for (path, item) in document["paths"]?.objectValue ?? [] {
                for (method, operation) in item.objectValue ?? [] where method != "parameters" {
                    let isPublic = operation["security"]?.arrayValue?.isEmpty == true
                    #expect(isPublic == publicPaths.contains(path), "\(method) \(path) security")
                }
            }
        }
    }
}

extension Data {
    /// Base64url without padding, as JWT segments are written.
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
