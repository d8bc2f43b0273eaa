import FinrcaTestSupport
import Foundation
import Shared
import Testing

/// The installed product, not the build tree: `scripts/install.sh` copies the binary and the web app, and the
/// installed binary serves both the app and `/openapi.json` from there (no resource bundle beside it).
@Suite("an installed finrca serves the web app and its OpenAPI document", .needsDatabase)
struct InstalledServeTests {
    /// `curl` of `url` with `headers`; returns the body.
    static func curl(_ url: String, headers: [String] = []) throws -> String {
        let result = try SystemdUnitTests.run(
            ["curl", "-s", "--max-time", "5"] + headers.flatMap { ["-H", $0] } + [url]
        )
        return result.output
    }

    @Test(
        "install.sh into a temporary root; the installed binary, run elsewhere, finds share/finrca/web and has its OpenAPI document"
    )
    func installedBinaryServes() async throws {
        let folder = try TemporaryFolder()
        let root = folder.file("root")
        let installed = try SystemdUnitTests.run([
            "bash", "scripts/install.sh", "--root", root, "--binary", try SystemdUnitTests.finrca(),
        ])
        #expect(installed.status == 0, "\(installed.output)")
        let binary = root + "/usr/local/bin/finrca"
        #expect(FileManager.default.fileExists(atPath: root + "/usr/local/share/finrca/web/index.html"))
        #expect(FileManager.default.fileExists(atPath: root + "/usr/local/share/finrca/web/vendor/chart.min.js"))
        #expect(
            !FileManager.default.fileExists(atPath: root + "/usr/local/share/finrca/web/tests"),
            "the app's tests are not installed"
        )
        #expect(!FileManager.default.fileExists(atPath: root + "/usr/local/bin/finrca_Server.resources"))
        try await TestDatabase.withFreshDatabase { database, _ in
            let port = Int.random(in: 20_000...29_999)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["serve"]
            process.currentDirectoryURL = URL(fileURLWithPath: folder.file(""))
            var environment = ProcessInfo.processInfo.environment
            environment["FINRCA_DATABASE_URL"] = database.description
            environment["FINRCA_SERVER_PORT"] = String(port)
            environment["FINRCA_SERVER_JWT_SECRET"] = String(repeating: "k", count: 40)
            environment["FINRCA_LOG_LEVEL"] = "error"
            environment["FINRCA_SERVER_WEB_DIR"] = nil
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            defer { if process.isRunning { process.terminate() } }
            let base = "http://127.0.0.1:\(port)"
            var health = ""
            for _ in 0..<100 where !health.contains("\"status\"") {
                try await Task.sleep(for: .milliseconds(100))
                health = try Self.curl(base + "/health-check")
            }
            #expect(health.contains("\"status\""), "serve did not start")
            let page = try Self.curl(base + "/", headers: ["Accept: text/html"])
            #expect(
                page.contains("<script type=\"module\" src=\"/app/") && page.contains("modulepreload"),
                "\(page.prefix(300))"
            )
            #expect(try Self.curl(base + "/").contains("\"documentation\""), "API clients still get JSON at /")
            #expect(try Self.curl(base + "/openapi.json").contains("\"openapi\": \"3.1.0\""))
            process.terminate()
            try await process.waitForExit()
        }
    }
}
