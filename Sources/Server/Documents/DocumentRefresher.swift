public import Logging
public import ServiceLifecycle

/// A service that looks for a new detector run every `interval` until graceful shutdown.
public struct DocumentRefresher: Service {
    private let loader: DocumentLoader
    private let interval: Duration
    private let logger: Logger

    /// Creates the service.
    public init(loader: DocumentLoader, interval: Duration, logger: Logger) {
        self.loader = loader
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await loader.refresh()
                } catch {
                    logger.error(
                        "could not load the latest run's documents",
                        metadata: ["error": "\(String(reflecting: error))"]
                    )
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
