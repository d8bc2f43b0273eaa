import FinrcaTestSupport
import CoreFoundation
import Foundation
import Testing

/// The service files (issue 6): every unit passes `systemd-analyze verify`, and `scripts/install.sh` installs
/// into a staging root, can be rerun, and never overwrites an operator's configuration or secrets.
@Suite("systemd units and the install script")
struct SystemdUnitTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardized.path

    /// The built `finrca` as an absolute path (the scripts run from the repository root).
    static func finrca() throws -> String {
        let path = try CrashRecoveryTests.finrcaExecutable()
        return path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// Runs `arguments` (through `env`) in the repository; returns the exit status and stdout and stderr together.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (
        status: Int32, output: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repository)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// install.sh into `root`. The installed binary is only copied, so any executable will do.
    static func install(into root: String) throws -> (status: Int32, output: String) {
        try run(["bash", "scripts/install.sh", "--root", root, "--binary", "/bin/true"])
    }

    /// The permission bits of `path`.
    static func mode(_ path: String) -> mode_t {
        let permissions = try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        return mode_t(permissions?.uint16Value ?? 0) & 0o7777
    }

    @Test(
        "systemd-analyze verify passes for every unit; uninstall removes them again",
        .needsCommand("systemd-analyze")
    )
    func verifyUnits() throws {
        let result = try Self.run(["bash", "scripts/verify-systemd.sh", try Self.finrca()])
        #expect(result.status == 0, "verify-systemd.sh failed:\n\(result.output)")
        let units = try FileManager.default.contentsOfDirectory(atPath: Self.repository + "/systemd").sorted()
        #expect(units == ["finrca-api.service", "finrca-scan.service", "finrca-scan.timer"])
        for unit in units {
            #expect(
                result.output.contains("ok \(unit): systemd-analyze verify"),
                "\(unit) did not pass:\n\(result.output)"
            )
        }
        #expect(result.output.contains("ok self-check"))
        #expect(result.output.contains("ok uninstall:"))
        #expect(!result.output.contains("FAIL"), "\(result.output)")
    }

    @Test("install.sh into a temporary root, twice: files in place, the operator's config and secrets kept")
    func installTwice() throws {
        let folder = try TemporaryFolder()
        let root = folder.file("root")

        let first = try Self.install(into: root)
        #expect(first.status == 0, "first install failed:\n\(first.output)")
        #expect(first.output.contains("skipped creating the finrca user"))
        for path in [
            "usr/local/bin/finrca", "etc/systemd/system/finrca-scan.service", "etc/systemd/system/finrca-scan.timer",
            "etc/systemd/system/finrca-api.service", "etc/finrca/config.yaml", "etc/finrca/routes.yaml",
            "etc/finrca/scan.env", "etc/finrca/api.env", "etc/finrca/mappings/newcastle.yaml",
        ] {
            #expect(FileManager.default.fileExists(atPath: "\(root)/\(path)"), "\(path) is missing")
        }
        for directory in ["inbox", "archive", "failed", "dashboard"] {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: "\(root)/var/lib/finrca/\(directory)",
                isDirectory: &isDirectory
            )
            #expect(exists && isDirectory.boolValue, "var/lib/finrca/\(directory) is missing")
        }
        #expect(FileManager.default.isExecutableFile(atPath: "\(root)/usr/local/bin/finrca"))
        #expect(Self.mode("\(root)/var/lib/finrca/inbox") == 0o2770)

        let config = "\(root)/etc/finrca/config.yaml"
        let installed = try String(contentsOfFile: config, encoding: .utf8)
        #expect(installed.contains("mappings_dir: /etc/finrca/mappings"))
        #expect(installed.contains("dashboard_dir: /var/lib/finrca/dashboard"))
        #expect(installed.contains("routes_file: /etc/finrca/routes.yaml"))

        // One secrets template per unit, each naming only that unit's variables, commented out, with no value.
        let unitSecrets = [
            "scan.env": ["FINRCA_DATABASE_PASSWORD", "FINRCA_NOTIFY_WEBHOOK_SECRET", "FINRCA_NOTIFY_SMTP_PASSWORD"],
            "api.env": ["FINRCA_DATABASE_PASSWORD", "FINRCA_SERVER_JWT_SECRET", "OPENROUTER_API_KEY"],
        ]
        for (file, names) in unitSecrets {
            let path = "\(root)/etc/finrca/\(file)"
            let mode = Self.mode(path)
            #expect(mode == 0o600, "\(file) has mode \(String(mode, radix: 8))")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let variables = text.split(separator: "\n").filter { $0.hasPrefix("#") && $0.hasSuffix("=") }
                .map { String($0.dropFirst().dropLast()) }
            #expect(variables.sorted() == names.sorted(), "\(file) names \(variables)")
            for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) where !line.isEmpty
            {
                #expect(line.hasPrefix("#"), "\(file) sets a variable: \(line)")
                #expect(
                    line.range(of: #"^#[A-Z_]+=."#, options: .regularExpression) == nil,
                    "\(file) has a value: \(line)"
                )
            }
        }
        let scanUnit = try String(contentsOfFile: "\(root)/etc/systemd/system/finrca-scan.service", encoding: .utf8)
        let apiUnit = try String(contentsOfFile: "\(root)/etc/systemd/system/finrca-api.service", encoding: .utf8)
        #expect(scanUnit.contains("EnvironmentFile=-/etc/finrca/scan.env") && !scanUnit.contains("api.env"))
        #expect(apiUnit.contains("EnvironmentFile=-/etc/finrca/api.env") && !apiUnit.contains("scan.env"))
        // Neither unit ever gives up restarting for good.
        #expect(scanUnit.contains("StartLimitIntervalSec=0") && apiUnit.contains("StartLimitIntervalSec=0"))
        let environmentFile = "\(root)/etc/finrca/scan.env"
        let secrets = try String(contentsOfFile: environmentFile, encoding: .utf8)

        // An operator edits the configuration and the secrets; a second install keeps both.
        let edited = installed + "# operator marker 7f3a\n"
        try edited.write(toFile: config, atomically: false, encoding: .utf8)
        let filledSecrets = secrets + "FINRCA_DATABASE_PASSWORD=operator-secret\n"
        try filledSecrets.write(toFile: environmentFile, atomically: false, encoding: .utf8)
        let second = try Self.install(into: root)
        #expect(second.status == 0, "second install failed:\n\(second.output)")
        #expect(second.output.contains("kept existing /etc/finrca/config.yaml"))
        #expect(try String(contentsOfFile: config, encoding: .utf8) == edited)
        #expect(try String(contentsOfFile: environmentFile, encoding: .utf8) == filledSecrets)
        #expect(FileManager.default.isExecutableFile(atPath: "\(root)/usr/local/bin/finrca"))
        withExtendedLifetime(folder) {}
    }

    @Test("The installed config.yaml is accepted by the binary (an unknown key would stop it with exit 1)")
    func installedConfigurationLoads() throws {
        let folder = try TemporaryFolder()
        let root = folder.file("root")
        let install = try Self.install(into: root)
        #expect(install.status == 0, "install failed:\n\(install.output)")
        // Nothing listens on port 1: the configuration loads, then the database is unavailable (exit 3).
        let result = try Self.run(
            [try Self.finrca(), "migrate", "--config", "\(root)/etc/finrca/config.yaml"],
            environment: [
                "FINRCA_DATABASE_URL": "postgres://finrca@127.0.0.1:1/finrca",
                "FINRCA_NOTIFY_ROUTES_FILE": "\(root)/etc/finrca/routes.yaml",
            ]
        )
        #expect(!result.output.contains("configuration error"), "\(result.output)")
        #expect(result.status == 3, "exit \(result.status):\n\(result.output)")
        withExtendedLifetime(folder) {}
    }
}
