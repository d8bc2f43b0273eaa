public import Hummingbird
import Synchronization

/// The routes an application registered, as `(method, path)` with `{name}` parameters, for the test that
/// checks them against the OpenAPI document.
public final class RouteLog: Sendable {
    private let entries = Mutex<[RouteEntry]>([])

    /// Creates an empty log.
    public init() {}

    /// Every route registered so far, in order.
    public var routes: [RouteEntry] { entries.withLock { $0 } }

    func append(_ entry: RouteEntry) {
        entries.withLock { $0.append(entry) }
    }
}

/// One registered route.
public struct RouteEntry: Sendable, Hashable {
    /// `GET`, `POST`, ….
    public var method: String
    /// `/eda/breakdown/{dimension}`.
    public var path: String

    /// Creates an entry.
    public init(method: String, path: String) {
        self.method = method
        self.path = path
    }
}

/// Router methods that record every route in a ``RouteLog`` before adding it to `base`; groups made from it
/// record their routes with the full path.
public struct RouteRecorder<Base: RouterMethods>: RouterMethods {
    public typealias Context = Base.Context

    private let base: Base
    private let log: RouteLog

    /// Wraps `base`.
    public init(_ base: Base, log: RouteLog) {
        self.base = base
        self.log = log
    }

    @discardableResult
    public func on<Responder: HTTPResponder>(
        _ path: RouterPath,
        method: HTTPRequest.Method,
        responder: Responder
    ) -> Self where Responder.Context == Context {
        let text =
            "/"
            + path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            .joined(separator: "/")
        log.append(RouteEntry(method: method.rawValue, path: text))
        base.on(path, method: method, responder: responder)
        return self
    }

    public func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self {
        RouteRecorder(base.add(middleware: middleware), log: log)
    }
}
