public import AsyncHTTPClient
import Foundation
public import Logging
public import PostgresNIO
public import Shared

/// One `finrca notify` pass: returns abandoned attempts to the queue, then claims and delivers the alerts due
/// when the pass began, each at most once, recording every attempt (delivered, retrying with backoff, or dead).
/// Retries happen in later passes (the systemd timer, or the next `finrca run`).
///
/// Webhooks are delivered here; email delivery joins when the SMTP channel lands (email alerts stay queued).
public struct NotificationRunner: Sendable {
    /// What the pass did.
    public struct Summary: Sendable, Codable, Equatable {
        /// Alerts the channel accepted.
        public var delivered = 0
        /// Alerts that failed and will be tried again.
        public var retrying = 0
        /// Alerts that failed for the last time.
        public var dead = 0
        /// Attempts returned to the queue because an earlier notifier ended mid-attempt.
        public var recovered = 0
    }

    private let routes: [String: AlertRoute]
    private let configuration: NotifyConfiguration
    private let policy: DeliveryPolicy
    private let logger: Logger

    /// Creates a runner for `routes` with the `notify.*` settings.
    public init(routes: AlertRoutes, configuration: NotifyConfiguration, logger: Logger) {
        self.routes = Dictionary(uniqueKeysWithValues: routes.routes.map { ($0.name, $0) })
        self.configuration = configuration
        policy = DeliveryPolicy(
            maximumAttempts: configuration.maximumAttempts, baseDelay: .seconds(configuration.baseDelaySeconds),
            maximumDelay: .seconds(configuration.maximumDelaySeconds))
        self.logger = logger
    }

    /// Delivers every due webhook alert.
    ///
    /// - Throws: ``ConfigurationError`` when webhook alerts are due but no signing secret is set.
    public func run(on connection: PostgresConnection, client: HTTPClient) async throws -> Summary {
        let outbox = AlertOutbox(logger: logger)
        var summary = Summary()
        summary.recovered = try await outbox.recoverAbandoned(
            lease: .seconds(max(60, 6 * configuration.timeoutSeconds)), on: connection)
        let sender = WebhookSender(client: client, timeout: .seconds(configuration.timeoutSeconds))
        var generator = SystemRandomNumberGenerator()
        let passStart = Date()
        while true {
            let batch = try await outbox.claim(
                channel: .webhook, limit: configuration.concurrency, dueBy: passStart, on: connection)
            if batch.isEmpty { break }
            guard let secret = configuration.webhookSecret else {
                for alert in batch {
                    try await outbox.record(alert, decision: .retry(after: .zero), error: "no webhook secret", on: connection)
                }
                throw ConfigurationError(
                    key: "notify.webhook_secret", source: "environment",
                    reason: "webhook alerts are queued but FINRCA_NOTIFY_WEBHOOK_SECRET is not set; nothing was sent")
            }
            let timestamp = Int(Date().timeIntervalSince1970)
            let outcomes = await withTaskGroup(of: (Int, String?).self) { group in
                for (index, alert) in batch.enumerated() {
                    guard let route = routes[alert.route], let url = route.url else { continue }
                    let payload = WebhookPayload(
                        alert: alert, format: route.format ?? "json", secret: Array(secret.utf8), timestamp: timestamp,
                        apiBaseURL: configuration.apiBaseURL)
                    group.addTask {
                        do throws(WebhookSender.Failure) {
                            try await sender.send(payload, to: url)
                            return (index, nil)
                        } catch {
                            return (index, error.description)
                        }
                    }
                }
                var results = [String?](repeating: "the route is no longer configured", count: batch.count)
                for await (index, error) in group { results[index] = error }
                return results
            }
            for (alert, error) in zip(batch, outcomes) {
                let decision = policy.decide(attempt: alert.attempt, succeeded: error == nil, unit: Double.random(in: 0..<1, using: &generator))
                try await outbox.record(alert, decision: decision, error: error, on: connection)
                switch decision {
                case .delivered: summary.delivered += 1
                case .retry: summary.retrying += 1
                case .dead: summary.dead += 1
                }
                var alertLogger = logger
                alertLogger[metadataKey: "notify.alert"] = "\(alert.id)"
                alertLogger[metadataKey: "notify.route"] = .string(alert.route)
                if let error { alertLogger.warning("delivery failed", metadata: ["notify.attempt": "\(alert.attempt)", "error": .string(error)]) }
            }
        }
        return summary
    }
}
