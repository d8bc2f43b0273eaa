import NIOCore

/// When an HTTP/1 connection must have made progress, as a pure state machine fed with the connection's events
/// and the time; the channel handler (``RequestDeadlineHandler``) schedules a timer for ``deadline`` and closes
/// the connection when ``expired(now:)`` names a reason.
///
/// - Waiting for a request (`idle`): the first byte must come within the idle timeout.
/// - A request's head begun (`head`): it must be complete within the head timeout of its first byte.
/// - The body (`body`): it must be complete within the body timeout of the head.
/// - Answering (`responding`): no deadline here; statement timeouts bound the work.
struct ConnectionDeadlines: Sendable, Equatable {
    /// What the connection is waiting for.
    enum Phase: String, Sendable, Equatable {
        case idle, head, body, responding
    }

    let idleTimeout: TimeAmount
    let headTimeout: TimeAmount
    let bodyTimeout: TimeAmount
    private(set) var phase = Phase.idle
    /// When the current phase runs out; nil while responding.
    private(set) var deadline: NIODeadline?
    /// Requests whose response has not ended yet (HTTP/1 pipelining may queue several).
    private(set) var responsesOwed = 0

    /// A connection opened at `now`, waiting for its first request.
    init(idle: TimeAmount, head: TimeAmount, body: TimeAmount, now: NIODeadline) {
        idleTimeout = idle
        headTimeout = head
        bodyTimeout = body
        deadline = now + idle
    }

    /// Bytes arrived: on an idle connection they begin a request head.
    mutating func bytesArrived(now: NIODeadline) {
        guard phase == .idle else { return }
        phase = .head
        deadline = now + headTimeout
    }

    /// A request head was decoded: its body is next.
    mutating func headArrived(now: NIODeadline) {
        responsesOwed += 1
        phase = .body
        deadline = now + bodyTimeout
    }

    /// A request ended: the server answers it.
    mutating func endArrived() {
        phase = .responding
        deadline = nil
    }

    /// A response ended: with nothing more owed and no request being read, the connection waits again.
    mutating func responseEnded(now: NIODeadline) {
        responsesOwed = max(0, responsesOwed - 1)
        guard responsesOwed == 0, phase == .responding else { return }
        phase = .idle
        deadline = now + idleTimeout
    }

    /// The phase that ran out at `now`, if one did.
    func expired(now: NIODeadline) -> Phase? {
        guard let deadline, now >= deadline else { return nil }
        return phase
    }
}
