public import Foundation

/// A real SMTP server for the delivery tests: `scripts/smtp-sink.py` (Debian's python3-aiosmtpd) on a free
/// loopback port, storing each message in a temporary folder.
public struct EmailTestSink: Sendable {
    /// What the sink recorded for one message (see scripts/smtp-sink.py).
    public struct Received: Decodable, Sendable {
        public struct Part: Decodable, Sendable {
            public var contentType: String
            public var charset: String?
            public var transferEncoding: String?
            public var text: String

            enum CodingKeys: String, CodingKey {
                case charset, text
                case contentType = "content_type"
                case transferEncoding = "transfer_encoding"
            }
        }

        public var mailFrom: String
        public var rcptTos: [String]
        public var authenticated: Bool
        /// Whether the message came over TLS (STARTTLS or SMTPS).
        public var tls: Bool
        public var date: String?
        public var from: String?
        public var to: String?
        public var subject: String?
        public var messageId: String?
        public var contentType: String
        public var parts: [Part]
        public var defects: [String]
        /// The DATA bytes as received (dot-unstuffed).
        public var raw: [UInt8] = []

        enum CodingKeys: String, CodingKey {
            case authenticated, tls, date, from, to, subject, parts, defects
            case mailFrom = "mail_from"
            case rcptTos = "rcpt_tos"
            case messageId = "message_id"
            case contentType = "content_type"
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let port: Int
    public let folder: URL
    private let process: Process

    /// The repository's root, from this file's path.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A Python 3 that can import aiosmtpd: `FINRCA_PYTHON`, else Debian's `/usr/bin/python3` (a pyenv or
    /// venv `python3` earlier on PATH does not see Debian's packages), else `python3` on PATH.
    public static func python() throws -> String {
        var candidates = ["/usr/bin/python3", "python3"]
        if let chosen = ProcessInfo.processInfo.environment["FINRCA_PYTHON"] { candidates.insert(chosen, at: 0) }
        for candidate in candidates {
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            probe.arguments = [candidate, "-c", "import aiosmtpd"]
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { continue }
            probe.waitUntilExit()
            if probe.terminationStatus == 0 { return candidate }
        }
        throw Failure(
            description:
                "the email delivery tests need an SMTP server from Debian's python3-aiosmtpd, and no Python here can "
                + "import aiosmtpd (tried \(candidates.joined(separator: ", "))). Install it: "
                + "`apt-get install python3-aiosmtpd` (the project's scripts install it), or set FINRCA_PYTHON."
        )
    }

    /// Runs `body` with a started sink and stops the sink afterwards, whatever happens. `auth` is
    /// `user:password` to require; `tls` is `starttls` (required) or `implicit` (SMTPS).
    public static func with<Result>(
        auth: String? = nil,
        tls: String? = nil,
        _ body: (EmailTestSink) async throws -> Result
    ) async throws -> Result {
        let sink = try await start(auth: auth, tls: tls)
        defer { sink.stop() }
        return try await body(sink)
    }

    private static func start(auth: String?, tls: String?) async throws -> EmailTestSink {
        let python = try python()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("finrca-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                python, "-W", "ignore", repositoryRoot.appendingPathComponent("scripts/smtp-sink.py").path, "--dir",
                folder.path,
            ]
            + (auth.map { ["--auth", $0] } ?? []) + (tls.map { ["--tls", $0] } ?? [])
        let log = folder.appendingPathComponent("sink.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        // The sink writes `port` once its socket listens, so the port then accepts connections.
        let portFile = folder.appendingPathComponent("port")
        for _ in 0..<200 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8),
                let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return EmailTestSink(port: port, folder: folder, process: process)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        stop(process)
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: folder)
        throw Failure(description: "scripts/smtp-sink.py did not start listening within 10 s; its output:\n\(output)")
    }

    /// `smtp://127.0.0.1:<port>`.
    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// The server's self-signed certificate (with `tls`), for ``SMTPConfiguration/caCertificatesFile``.
    public var certificateFile: String { folder.appendingPathComponent("cert.pem").path }

    /// The messages received so far, in order.
    public func received() throws -> [Received] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
            .sorted()
        return try names.map { name in
            var message = try JSONDecoder()
                .decode(Received.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
            let raw = folder.appendingPathComponent(String(name.dropLast(".json".count)) + ".eml")
            message.raw = Array(try Data(contentsOf: raw))
            return message
        }
    }

    /// Stops the server and removes its folder.
    public func stop() {
        Self.stop(process)
        try? FileManager.default.removeItem(at: folder)
    }

    /// SIGKILL: a child started from a Swift concurrency thread inherits a signal mask that blocks SIGTERM, and
    /// waiting for it would hold a thread of the cooperative pool. The sink writes each message atomically.
    private static func stop(_ process: Process) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
