import Foundation

/// A test-time server from `scripts/` (the webhook receiver, the model stub) on a free loopback port: started
/// with `--port-file` and `--out`, stopped with SIGKILL (a child started from a Swift concurrency thread
/// inherits a signal mask that blocks SIGTERM).
public enum ScriptServer {
    /// Why the server could not be used.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `body` with the port of `scripts/<script>` started with `arguments`, and the file where it logs
    /// one JSON line per request; stops the server afterwards, whatever happens.
    public static func with<Result>(
        _ script: String,
        arguments: [String],
        _ body: (_ port: Int, _ requests: String) async throws -> Result
    ) async throws -> Result {
        let folder = try TemporaryFolder()
        let portFile = folder.file("port")
        let requests = folder.file("requests.jsonl")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments =
            [
                EmailTestSink.repositoryRoot.appendingPathComponent("scripts/\(script)").path,
                "--port-file", portFile, "--out", requests,
            ] + arguments
        try process.run()
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        // The server writes the port once its socket listens.
        for _ in 0..<400 {
            if let port = (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap({ Int($0) }) {
                let result = try await body(port, requests)
                withExtendedLifetime(folder) {}
                return result
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        throw Failure(description: "scripts/\(script) did not start listening within 10 s")
    }
}
