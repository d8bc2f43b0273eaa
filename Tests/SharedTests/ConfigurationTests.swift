import Foundation
import Testing

@testable import Shared

@Suite("Configuration: precedence, validation, secrets")
struct ConfigurationTests {
    static func withFile<T>(_ yaml: String, _ body: (String) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("finrca-\(UUID().uuidString).yaml")
            .path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    @Test("defaults point at the private cluster")
    func defaults() throws {
        let configuration = try FinrcaConfiguration.load(file: nil, environment: [:])
        #expect(configuration.database.description == "postgres://finrca@127.0.0.1:54329/finrca")
        #expect(configuration.ingest.maxRejectShare == 0.01)
        #expect(configuration.ingest.chunkBytes == 256 * 1024)
        #expect(configuration.log.format == .logfmt)
    }

    @Test("flags > environment > file > defaults")
    func precedence() throws {
        try Self.withFile(
            "database:\n  url: postgres://file@db:5433/fromfile\ningest:\n  max_reject_share: 0.2\n  chunk_kib: 128\n"
        ) { path in
            let fileOnly = try FinrcaConfiguration.load(file: path, environment: [:])
            #expect(fileOnly.database.description == "postgres://file@db:5433/fromfile")
            #expect(fileOnly.ingest.maxRejectShare == 0.2)
            let environment = ["FINRCA_DATABASE_URL": "postgres://env@envhost/envdb", "FINRCA_INGEST_CHUNK_KIB": "512"]
            let withEnvironment = try FinrcaConfiguration.load(file: path, environment: environment)
            #expect(withEnvironment.database.description == "postgres://env@envhost:5432/envdb")
            #expect(withEnvironment.ingest.chunkBytes == 512 * 1024)
            #expect(withEnvironment.ingest.maxRejectShare == 0.2)
            let withFlag = try FinrcaConfiguration.load(
                file: path,
                environment: environment,
                flags: ["database.url": ("postgres://flag@flaghost:1/flagdb", "--database-url")]
            )
            #expect(withFlag.database.description == "postgres://flag@flaghost:1/flagdb")
        }
    }

    @Test("an invalid value names the key, its source and the reason")
    func invalidValue() throws {
        let error = #expect(throws: ConfigurationError.self) {
            try FinrcaConfiguration.load(file: nil, environment: ["FINRCA_INGEST_MAX_REJECT_SHARE": "1.5"])
        }
        #expect(error?.key == "ingest.max_reject_share")
        #expect(error?.source == "FINRCA_INGEST_MAX_REJECT_SHARE")
        #expect(error?.description.contains("must be between 0.0 and 1.0") == true)
        let chunk = #expect(throws: ConfigurationError.self) {
            try FinrcaConfiguration.load(file: nil, environment: ["FINRCA_INGEST_CHUNK_KIB": "8"])
        }
        #expect(chunk?.reason == "must be between 64 and 1024, found 8")
    }

    @Test("an unknown key in the file is an error, not silently ignored")
    func unknownKey() throws {
        try Self.withFile("ingest:\n  max_reject_shar: 0.1\n") { path in
            let error = #expect(throws: ConfigurationError.self) {
                try FinrcaConfiguration.load(file: path, environment: [:])
            }
            #expect(error?.key == "ingest.max_reject_shar")
            #expect(error?.source == path)
            #expect(error?.reason.hasPrefix("unknown key") == true)
        }
    }

    @Test("secrets are refused from files and accepted from the environment")
    func secrets() throws {
        try Self.withFile("database:\n  password: hunter2\n") { path in
            let error = #expect(throws: ConfigurationError.self) {
                try FinrcaConfiguration.load(file: path, environment: [:])
            }
            #expect(error?.key == "database.password")
            #expect(error?.reason.contains("FINRCA_DATABASE_PASSWORD") == true)
        }
        try Self.withFile("database:\n  url: postgres://u:secret@h/db\n") { path in
            let error = #expect(throws: ConfigurationError.self) {
                try FinrcaConfiguration.load(file: path, environment: [:])
            }
            #expect(error?.key == "database.url")
        }
        let fromEnvironment = try FinrcaConfiguration.load(
            file: nil,
            environment: ["FINRCA_DATABASE_PASSWORD": "s3cret"]
        )
        #expect(fromEnvironment.database.password == "s3cret")
        #expect(!fromEnvironment.database.description.contains("s3cret"))
    }

    @Test("config/finrca.example.yaml documents every key and loads as it is")
    func exampleFile() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../config/finrca.example.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for key in ConfigurationSchema.keys {
            let leaf = String(key.name.split(separator: ".").last!)
            #expect(text.contains("\(leaf):"), "\(key.name) is not documented in the example")
        }
        _ = try FinrcaConfiguration.load(file: path, environment: [:])
    }
}
