import Hummingbird
import NIOCore
import Shared
import Synchronization
import Testing

@testable import Server

/// The limits' pure parts: the token bucket, the rate limiter's buckets, the password hash gate and the
/// connection deadlines, with exact times.
@Suite("Limits: token buckets, the hash gate, connection deadlines")
struct LimitsTests {
    @Test("a bucket of 3 regaining 1 a second: 3 attempts pass, the 4th waits 1 s; half a second later 0.5 s")
    func tokenBucket() {
        let start = ContinuousClock.now
        var bucket = TokenBucket(capacity: 3, perMinute: 60, now: start)
        #expect(bucket.take(now: start) == nil)
        #expect(bucket.take(now: start) == nil)
        #expect(bucket.take(now: start) == nil)
        #expect(bucket.take(now: start) == .seconds(1))
        #expect(bucket.take(now: start + .milliseconds(500)) == .milliseconds(500))
        #expect(bucket.take(now: start + .seconds(1)) == nil)
        #expect(bucket.take(now: start + .seconds(1)) == .seconds(1))
        #expect(!bucket.isFull(now: start + .seconds(2)))
        #expect(bucket.isFull(now: start + .seconds(4)))
        #expect(bucket.take(now: start + .seconds(100)) == nil, "a bucket holds at most its capacity")
        #expect(bucket.take(now: start + .seconds(100)) == nil)
        #expect(bucket.take(now: start + .seconds(100)) == nil)
        #expect(bucket.take(now: start + .seconds(100)) != nil)
    }

    final class ManualClock: Sendable {
        let now = Mutex(ContinuousClock.now)
        func advance(_ duration: Duration) { now.withLock { $0 += duration } }
    }

    static func refusal(_ body: () throws -> Void) -> APIError? {
        do {
            try body()
            return nil
        } catch {
            return error as? APIError
        }
    }

    @Test("the limiter: per address and per user name (case-insensitively), 429 with Retry-After in whole seconds")
    func limiter() throws {
        let clock = ManualClock()
        let limiter = AuthRateLimiter(burst: 2, perMinute: 6) { clock.now.withLock { $0 } }
        try limiter.admit(address: "10.0.0.1")
        try limiter.admit(address: "10.0.0.1")
        let refused = try #require(Self.refusal { try limiter.admit(address: "10.0.0.1") })
        #expect(refused.status == .tooManyRequests && refused.code == "too_many_attempts")
        #expect(refused.headers[.retryAfter] == "10", "6 a minute: the next token comes in 10 s")
        try limiter.admit(address: "10.0.0.2")
        try limiter.admit(username: "Alice")
        try limiter.admit(username: "alice")
        #expect(Self.refusal { try limiter.admit(username: "ALICE") }?.status == .tooManyRequests)
        try limiter.admit(username: "bob")
        try limiter.admit(username: "10.0.0.1")
        clock.advance(.seconds(4))
        #expect(Self.refusal { try limiter.admit(address: "10.0.0.1") }?.headers[.retryAfter] == "6")
        clock.advance(.seconds(6))
        try limiter.admit(address: "10.0.0.1")
        #expect(Self.refusal { try limiter.admit(address: "10.0.0.1") } != nil)
    }

    @Test("the hash gate: a second hash while one permit is held is 503 busy with Retry-After 1; then admitted")
    func hashGate() async throws {
        let gate = PasswordHashGate(permits: 1)
        let (entered, enteredSink) = AsyncStream<Void>.makeStream()
        let (release, releaseSink) = AsyncStream<Void>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await gate.withPermit {
                    enteredSink.yield()
                    for await _ in release { break }
                }
            }
            for await _ in entered { break }
            do {
                try await gate.withPermit {}
                Issue.record("a second permit was given")
            } catch let error as APIError {
                #expect(error.status == .serviceUnavailable && error.code == "busy")
                #expect(error.headers[.retryAfter] == "1")
            }
            releaseSink.yield()
            try await group.waitForAll()
        }
        #expect(try await gate.withPermit { 42 } == 42)
    }

    @Test("deadlines: idle until the first byte, head 2 s from it, body 3 s from the head, none while answering")
    func deadlines() {
        let t0 = NIODeadline.uptimeNanoseconds(1_000_000_000)
        var state = ConnectionDeadlines(idle: .seconds(10), head: .seconds(2), body: .seconds(3), now: t0)
        #expect(state.phase == .idle && state.deadline == t0 + .seconds(10))
        #expect(state.expired(now: t0 + .seconds(9)) == nil)
        #expect(state.expired(now: t0 + .seconds(10)) == .idle)
        state.bytesArrived(now: t0 + .seconds(1))
        #expect(state.phase == .head && state.deadline == t0 + .seconds(3))
        state.bytesArrived(now: t0 + .seconds(2))
        #expect(state.deadline == t0 + .seconds(3), "more bytes of the same head do not extend it")
        #expect(state.expired(now: t0 + .seconds(3)) == .head)
        state.headArrived(now: t0 + .milliseconds(2500))
        #expect(state.phase == .body && state.deadline == t0 + .milliseconds(5500))
        #expect(state.expired(now: t0 + .milliseconds(5500)) == .body)
        state.endArrived()
        #expect(state.phase == .responding && state.deadline == nil)
        #expect(state.expired(now: t0 + .seconds(1000)) == nil)
        state.bytesArrived(now: t0 + .seconds(6))
        #expect(state.phase == .responding, "a pipelined request's bytes wait for the answer")
        state.responseEnded(now: t0 + .seconds(7))
        #expect(state.phase == .idle && state.deadline == t0 + .seconds(17))
        state.headArrived(now: t0 + .seconds(8))
        state.endArrived()
        state.headArrived(now: t0 + .seconds(8))
        state.endArrived()
        state.responseEnded(now: t0 + .seconds(9))
        #expect(state.phase == .responding && state.responsesOwed == 1, "one pipelined answer still owed")
        state.responseEnded(now: t0 + .seconds(9))
        #expect(state.phase == .idle && state.deadline == t0 + .seconds(19))
    }
}
