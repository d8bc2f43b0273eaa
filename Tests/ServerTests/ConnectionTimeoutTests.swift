import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Server
import Shared
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The connection deadlines on a real socket: a client that sends nothing, dribbles a head or a body, or stays
/// connected after its answer is cut off at the configured time, and a slow but timely request is answered.
@Suite("Connection timeouts on a live socket: idle, request head, request body")
struct ConnectionTimeoutTests {
    /// A TCP connection to 127.0.0.1 driven byte by byte.
    struct RawConnection {
        let descriptor: Int32

        init(port: Int) throws {
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            try #require(connected == 0, "connect: errno \(errno)")
        }

        func close() { _ = Glibc.close(descriptor) }

        /// Sends `text`; false when the server has closed the connection.
        @discardableResult
        func send(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return Glibc.send(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count
        }

        /// What has arrived so far, and whether the server closed the connection.
        func drain(into text: inout String) -> Bool {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                if count > 0 {
                    text += String(decoding: buffer[0..<count], as: UTF8.self)
                } else {
                    return count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)
                }
            }
        }

        /// Sends `step()`'s text every `interval` until the server closes the connection or `limit` passes;
        /// returns how long after the start it closed (nil: still open) and what was received.
        func closedAfter(
            limit: Duration,
            interval: Duration = .milliseconds(100),
            step: () -> String? = { nil }
        ) async throws -> (Duration?, String) {
            let start = ContinuousClock.now
            var received = ""
            while start.duration(to: .now) < limit {
                if drain(into: &received) { return (start.duration(to: .now), received) }
                if let text = step() { send(text) }
                try await Task.sleep(for: interval)
            }
            return (nil, received)
        }
    }

    static func limits(idle: Int, head: Int, body: Int) -> ServerLimits {
        var limits = ServerLimits()
        limits.idleTimeout = .seconds(idle)
        limits.headTimeout = .seconds(head)
        limits.bodyTimeout = .seconds(body)
        return limits
    }

    /// Runs `body` with the port of a live server under `limits` answering `GET /ping` and `POST /echo`.
    static func withServer(_ limits: ServerLimits, _ body: @escaping @Sendable (Int) async throws -> Void)
        async throws
    {
        var logger = Logger(label: "finrca.tests.timeouts")
        logger.logLevel = .warning
        let router = Router()
        router.get("/ping") { _, _ in "pong" }
        router.post("/echo") { request, _ in
            String(buffer: try await request.body.collect(upTo: 1 << 20))
        }
        let app = Application(
            router: router,
            server: .limitedHTTP1(limits, logger: logger),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            logger: logger
        )
        try await app.test(.live) { client in
            try await body(try #require(client.port))
        }
    }

    @Test("idle 1 s: a connection that sends nothing is closed after 1 s")
    func idle() async throws {
        try await Self.withServer(Self.limits(idle: 1, head: 30, body: 30)) { port in
            let connection = try RawConnection(port: port)
            defer { connection.close() }
            let (closed, _) = try await connection.closedAfter(limit: .seconds(20))
            let after = try #require(closed, "still open after 20 s")
            #expect(after >= .milliseconds(900) && after < .seconds(15), "\(after)")
        }
    }

    @Test("head 1 s: a head dribbled a header line every 250 ms is cut off 1 s after its first byte (idle is 30 s)")
    func head() async throws {
        try await Self.withServer(Self.limits(idle: 30, head: 1, body: 30)) { port in
            let connection = try RawConnection(port: port)
            defer { connection.close() }
            connection.send("GET /ping HTTP/1.1\r\nHost: finrca\r\n")
            let (closed, received) = try await connection.closedAfter(limit: .seconds(20), interval: .milliseconds(250))
            {
                "X-Padding: slow\r\n"
            }
            let after = try #require(closed, "still open after 20 s")
            #expect(after >= .milliseconds(900) && after < .seconds(15), "\(after)")
            #expect(received.isEmpty, "no answer to an unfinished head: \(received)")
        }
    }

    @Test("body 1 s: a body of 1000 bytes sent 10 bytes every 250 ms is cut off 1 s after the head")
    func body() async throws {
        try await Self.withServer(Self.limits(idle: 30, head: 30, body: 1)) { port in
            let connection = try RawConnection(port: port)
            defer { connection.close() }
            connection.send("POST /echo HTTP/1.1\r\nHost: finrca\r\nContent-Length: 1000\r\n\r\n")
            let (closed, _) = try await connection.closedAfter(limit: .seconds(20), interval: .milliseconds(250)) {
                String(repeating: "x", count: 10)
            }
            let after = try #require(closed, "still open after 20 s")
            #expect(after >= .milliseconds(900) && after < .seconds(15), "\(after)")
        }
    }

    @Test("a slow but timely request is answered, and the kept-alive connection then closes after idle 1 s")
    func timelyThenIdle() async throws {
        try await Self.withServer(Self.limits(idle: 1, head: 10, body: 10)) { port in
            let connection = try RawConnection(port: port)
            defer { connection.close() }
            connection.send("POST /echo HTTP/1.1\r\nHost: finrca\r\nContent-Length: 5\r\n")
            try await Task.sleep(for: .milliseconds(500))
            connection.send("\r\nhel")
            try await Task.sleep(for: .milliseconds(500))
            connection.send("lo")
            var answer = ""
            let (closed, received) = try await connection.closedAfter(limit: .seconds(20))
            answer += received
            #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
            #expect(answer.hasSuffix("hello"), "\(answer)")
            let after = try #require(closed, "still open after 20 s")
            #expect(after >= .milliseconds(900) && after < .seconds(15), "\(after)")
        }
    }
}
