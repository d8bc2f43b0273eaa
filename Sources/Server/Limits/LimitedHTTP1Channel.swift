public import HummingbirdCore
public import Logging
public import NIOCore
public import Shared

/// Hummingbird's HTTP/1 channel with the connection deadlines of ``ServerLimits``: ``RequestBytesSignal`` goes in
/// front of the HTTP decoder, ``RequestDeadlineHandler`` after it.
public struct LimitedHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    /// The channel value handed to the responder.
    public typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel

    /// Creates the channel answering with `responder` under `limits`.
    public init(responder: @escaping HTTPChannelHandler.Responder, limits: ServerLimits, logger: Logger) {
        let (idle, head, body) = (
            TimeAmount(limits.idleTimeout), TimeAmount(limits.headTimeout), TimeAmount(limits.bodyTimeout)
        )
        inner = HTTP1Channel(
            responder: responder,
            configuration: .init(
                additionalChannelHandlers: [
                    RequestDeadlineHandler(idle: idle, head: head, body: body, logger: logger)
                ]
            )
        )
    }

    /// The responder.
    public var responder: HTTPChannelHandler.Responder { inner.responder }

    /// Adds ``RequestBytesSignal`` first, then Hummingbird's HTTP/1 handlers.
    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop
            .makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(RequestBytesSignal())
            }
            .flatMap { inner.setup(channel: channel, logger: logger) }
    }

    /// Handles the connection as Hummingbird's HTTP/1 channel does.
    public func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with the connection deadlines of `limits` (``LimitedHTTP1Channel``).
    public static func limitedHTTP1(_ limits: ServerLimits, logger: Logger) -> HTTPServerBuilder {
        .init { responder in LimitedHTTP1Channel(responder: responder, limits: limits, logger: logger) }
    }
}
