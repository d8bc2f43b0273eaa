import Logging
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose client is too slow: no request within the idle timeout, a head not complete within
/// the head timeout of its first byte, or a body not complete within the body timeout of its head
/// (``ConnectionDeadlines``). It sits after the HTTP decoder; ``RequestBytesSignal`` in front of the decoder tells
/// it when bytes arrive, since a head still being decoded is not visible here.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let idle: TimeAmount
    private let head: TimeAmount
    private let body: TimeAmount
    private let logger: Logger
    private var deadlines: ConnectionDeadlines?
    private var timer: Scheduled<Void>?
    private var scheduledFor: NIODeadline?

    init(idle: TimeAmount, head: TimeAmount, body: TimeAmount, logger: Logger) {
        self.idle = idle
        self.head = head
        self.body = body
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: update(context) { $0.headArrived(now: .now()) }
        case .body: break
        case .end: update(context) { $0.endArrived() }
        }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is RequestBytesSignal.Arrived else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        update(context) { $0.bytesArrived(now: .now()) }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            update(context) { $0.responseEnded(now: .now()) }
        }
        context.write(data, promise: promise)
    }

    private func start(_ context: ChannelHandlerContext) {
        guard deadlines == nil else { return }
        deadlines = ConnectionDeadlines(idle: idle, head: head, body: body, now: .now())
        schedule(context)
    }

    private func update(_ context: ChannelHandlerContext, _ change: (inout ConnectionDeadlines) -> Void) {
        guard var state = deadlines else { return }
        change(&state)
        deadlines = state
        schedule(context)
    }

    /// One timer at a time: one due later than the current deadline is replaced; one due earlier fires, finds no
    /// expiry and schedules the next.
    private func schedule(_ context: ChannelHandlerContext) {
        // While answering there is no deadline; a timer left from before fires, finds none and stops.
        guard let deadline = deadlines?.deadline else { return }
        if let scheduledFor, scheduledFor <= deadline { return }
        timer?.cancel()
        scheduledFor = deadline
        let loop = context.eventLoop.assumeIsolated()
        timer = loop.scheduleTask(deadline: deadline) { [self] in
            (timer, scheduledFor) = (nil, nil)
            if let phase = deadlines?.expired(now: .now()) {
                logger.info("connection closed: client too slow", metadata: ["hb.timeout": .string(phase.rawValue)])
                context.close(promise: nil)
            } else {
                schedule(context)
            }
        }
    }
}

/// In front of the HTTP decoder: passes bytes on and tells ``RequestDeadlineHandler`` that some arrived.
final class RequestBytesSignal: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// The event sent up the pipeline before each read.
    struct Arrived {}

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.fireUserInboundEventTriggered(Arrived())
        context.fireChannelRead(data)
    }
}
