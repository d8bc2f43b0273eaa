import AsyncHTTPClient
import Foundation
public import Logging
public import PostgresNIO
public import Shared

/// One `finrca notify` pass. It holds the notify job lock, so it is the only notifier: alerts left `sending` by
/// a notifier that died are returned to the queue at once and resent with the same idempotency key. Then, per
/// channel (webhooks, then email), it claims the alerts due when the pass began and delivers each at most once,
/// with the channel's concurrency and rate limit, recording every attempt as it ends (delivered, retrying with
/// backoff, or dead). Retries happen in later passes (the systemd timer, or the next `finrca run`).
public struct NotificationRunner: Sendable {
    /// What the pass did.
    public struct Summary: Sendable, Codable, Equatable {
        /// Alerts the channel accepted.
        public var delivered = 0
        /// Alerts that failed and will be tried again.
        public var retrying = 0
        /// Alerts that failed for the last time, or were refused for good.
        public var dead = 0
        /// Attempts returned to the queue because an earlier notifier ended mid-attempt.
        public var recovered = 0
        /// Alerts not sent because all their findings were reviewed as expected or false alarm meanwhile.
        public var cancelled = 0
        /// Due alerts left queued, untouched, because their channel is not configured.
        public var held = 0
        /// Why alerts were held, one line per channel.
        public var problems: [String] = []

        /// An empty summary.
        public init() {}
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
            maximumAttempts: configuration.maximumAttempts,
            baseDelay: .seconds(configuration.baseDelaySeconds),
            maximumDelay: .seconds(configuration.maximumDelaySeconds)
        )
        self.logger = logger
    }

    /// Delivers every due alert of every configured channel, with a webhook client of its own (connection
    /// timeout: the smaller of 5 s and `notify.timeout_seconds`) that is shut down afterwards.
    ///
    /// - Throws: ``JobLockHeldError`` when another notifier is running; database errors.
    public func run(on connection: PostgresConnection) async throws -> Summary {
        let client = WebhookSender.makeClient(connectTimeout: .seconds(min(5, configuration.timeoutSeconds)))
        do {
            let summary = try await run(on: connection, client: client)
            try await client.shutdown()
            return summary
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func run(on connection: PostgresConnection, client: HTTPClient) async throws -> Summary {
        try await JobLock.notify.withLock(on: connection, logger: logger) {
            let outbox = AlertOutbox(logger: logger)
            // Claims and records commit without waiting for the WAL flush: a PostgreSQL crash may then forget
            // the last moments of state changes, which returns those alerts to an earlier state, and they are
            // sent again with the same key, as after a notifier crash. It removes one disk flush per alert.
            try await connection.query("SET synchronous_commit TO off", logger: logger)
            var summary = Summary()
            summary.recovered = try await outbox.recoverAbandoned(on: connection)
            let passStart = Date()
            for channel in [AlertRoute.Channel.webhook, .email] {
                switch makeChannel(channel, client: client) {
                case .success(let deliver):
                    try await drain(
                        channel,
                        deliver: deliver,
                        dueBy: passStart,
                        outbox: outbox,
                        on: connection,
                        into: &summary
                    )
                case .failure(let problem):
                    let held = try await outbox.dueCount(channel: channel, dueBy: passStart, on: connection)
                    guard held > 0 else { continue }
                    summary.held += held
                    summary.problems.append(
                        "\(held) \(channel.rawValue) alert\(held == 1 ? "" : "s") held: \(problem.description)"
                    )
                    logger.error(
                        "alerts held",
                        metadata: [
                            "notify.channel": .string(channel.rawValue), "alerts": "\(held)",
                            "error": .string(problem.description),
                        ]
                    )
                }
            }
            try await connection.query("RESET synchronous_commit", logger: logger)
            logger.notice(
                "notify pass finished",
                metadata: [
                    "notify.delivered": "\(summary.delivered)", "notify.retrying": "\(summary.retrying)",
                    "notify.dead": "\(summary.dead)", "notify.cancelled": "\(summary.cancelled)",
                    "notify.recovered": "\(summary.recovered)", "notify.held": "\(summary.held)",
                ]
            )
            return summary
        }
    }

    /// Sends one alert over a channel; `nil` when the channel accepted it.
    private typealias Deliver = @Sendable (ClaimedAlert, AlertRoute) async -> DeliveryFailure?

    /// The channel's delivery function, or why the channel cannot deliver.
    private func makeChannel(_ channel: AlertRoute.Channel, client: HTTPClient) -> Result<Deliver, ConfigurationError> {
        let apiBaseURL = configuration.apiBaseURL
        switch channel {
        case .webhook:
            guard let secret = configuration.webhookSecret else {
                return .failure(
                    ConfigurationError(
                        key: "notify.webhook_secret",
                        source: "environment",
                        reason: "FINRCA_NOTIFY_WEBHOOK_SECRET is not set, so webhooks cannot be signed"
                    )
                )
            }
            let sender = WebhookSender(client: client, timeout: .seconds(configuration.timeoutSeconds))
            return .success { alert, route in
                guard let url = route.url else {
                    return DeliveryFailure("route \(route.name) has no url", isTransient: true)
                }
                let payload = WebhookPayload(
                    alert: alert,
                    format: route.format ?? "json",
                    secret: Array(secret.utf8),
                    timestamp: Int(Date().timeIntervalSince1970),
                    apiBaseURL: apiBaseURL
                )
                do throws(WebhookSender.Failure) {
                    try await sender.send(payload, to: url)
                    return nil
                } catch {
                    return DeliveryFailure(error.description, isTransient: error.isTransient)
                }
            }
        case .email:
            let smtp: SMTPConfiguration
            do {
                smtp = try SMTPConfiguration(notify: configuration)
            } catch {
                return .failure(error)
            }
            let sender = SMTPSender()
            return .success { alert, route in
                do {
                    let message = try AlertEmail.message(
                        for: alert,
                        to: route.to ?? [],
                        from: smtp.from,
                        apiBaseURL: apiBaseURL
                    )
                    try await sender.send(message, configuration: smtp)
                    return nil
                } catch let error as SMTPError {
                    return DeliveryFailure(error.description, isTransient: error.isTransient)
                } catch {
                    return DeliveryFailure("route \(route.name): \(error)", isTransient: false)
                }
            }
        }
    }

    /// Claims and delivers `channel`'s due alerts until none is left, keeping `concurrency` deliveries in flight
    /// (a sliding window, refilled as each ends) and claiming ahead in chunks of twice that.
    private func drain(
        _ channel: AlertRoute.Channel,
        deliver: @escaping Deliver,
        dueBy: Date,
        outbox: AlertOutbox,
        on connection: PostgresConnection,
        into summary: inout Summary
    ) async throws {
        let concurrency = channel == .email ? configuration.emailConcurrency : configuration.webhookConcurrency
        let pacer = DeliveryPacer(
            perMinute: channel == .email ? configuration.emailRatePerMinute : configuration.webhookRatePerMinute
        )
        let routes = routes
        var generator = SystemRandomNumberGenerator()
        try await withThrowingTaskGroup(of: (ClaimedAlert, DeliveryFailure?).self) { group in
            var claimed: [ClaimedAlert] = []
            var nextClaimed = 0
            var exhausted = false
            var inFlight = 0
            while true {
                while inFlight < concurrency {
                    if nextClaimed == claimed.count, !exhausted {
                        claimed = try await outbox.claim(
                            channel: channel,
                            limit: 2 * concurrency,
                            dueBy: dueBy,
                            on: connection
                        )
                        nextClaimed = 0
                        exhausted = claimed.isEmpty
                    }
                    guard nextClaimed < claimed.count else { break }
                    let alert = claimed[nextClaimed]
                    nextClaimed += 1
                    if alert.findings.isEmpty {
                        try await outbox.cancel(alert, on: connection)
                        summary.cancelled += 1
                        continue
                    }
                    inFlight += 1
                    group.addTask {
                        guard let route = routes[alert.route] else {
                            return (
                                alert,
                                DeliveryFailure("route \(alert.route) is no longer configured", isTransient: true)
                            )
                        }
                        try await pacer.waitForTurn()
                        return (alert, await deliver(alert, route))
                    }
                }
                guard let (alert, failure) = try await group.next() else { return }
                inFlight -= 1
                // Each outcome is recorded as soon as it is known, so a notifier killed mid-pass leaves only the
                // alerts it had claimed and not yet recorded (state `sending`) to be sent again.
                let decision = policy.decide(
                    attempt: alert.attempt,
                    succeeded: failure == nil,
                    retryable: failure?.isTransient ?? true,
                    unit: Double.random(in: 0..<1, using: &generator)
                )
                try await outbox.record(alert, decision: decision, error: failure?.description, on: connection)
                switch decision {
                case .delivered: summary.delivered += 1
                case .retry: summary.retrying += 1
                case .dead: summary.dead += 1
                }
                if let failure {
                    logger.warning(
                        "delivery failed",
                        metadata: [
                            "notify.alert": "\(alert.id)", "notify.route": .string(alert.route),
                            "notify.attempt": "\(alert.attempt)", "error": .string(failure.description),
                        ]
                    )
                }
            }
        }
    }
}
