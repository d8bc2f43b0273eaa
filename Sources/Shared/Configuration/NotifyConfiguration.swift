/// Settings of `finrca notify` (`notify.*`; routes are read separately, see ``AlertRoutes``).
public struct NotifyConfiguration: Sendable {
    /// HMAC key for webhook signatures, from `FINRCA_NOTIFY_WEBHOOK_SECRET`: the key of every webhook route that
    /// has none of its own.
    public var webhookSecret: String?
    /// Webhook routes' own HMAC keys, by route name, from `FINRCA_NOTIFY_WEBHOOK_SECRET_<ROUTE>` (see
    /// ``AlertRoute/secretEnvironmentName``).
    public var routeWebhookSecrets: [String: String] = [:]
    /// Base URL of the links to findings.
    public var apiBaseURL = "http://127.0.0.1:8080"
    /// Tries before dead.
    public var maximumAttempts = 8
    /// First retry delay in seconds.
    public var baseDelaySeconds = 30
    /// Longest retry delay in seconds.
    public var maximumDelaySeconds = 3600
    /// Webhooks in flight at once.
    public var webhookConcurrency = 8
    /// Webhooks started per minute; 0 = no limit.
    public var webhookRatePerMinute = 0
    /// Emails in flight at once.
    public var emailConcurrency = 2
    /// Emails started per minute; 0 = no limit.
    public var emailRatePerMinute = 60
    /// The relay, `smtp://…` or `smtps://…`; `nil` = email is not configured.
    public var smtpURL: String?
    /// STARTTLS policy for `smtp://`: `required`, `optional` or `none`.
    public var smtpStartTLS = "required"
    /// Sender address.
    public var smtpFrom: String?
    /// AUTH user.
    public var smtpUsername: String?
    /// AUTH password, from `FINRCA_NOTIFY_SMTP_PASSWORD`.
    public var smtpPassword: String?
    /// CA certificates trusted for the relay.
    public var smtpCAFile: String?
    /// Per-delivery timeout in seconds.
    public var timeoutSeconds = 10

    /// Creates a configuration with the documented defaults.
    public init() {}

    /// Reads the `notify.*` keys.
    public init(reader: ConfigReader) throws {
        webhookSecret = reader.string("notify.webhook_secret")
        if let secret = webhookSecret, secret.utf8.count < 32 {
            throw reader.error("notify.webhook_secret", "must be at least 32 bytes long")
        }
        apiBaseURL = reader.string("notify.api_base_url") ?? apiBaseURL
        maximumAttempts = try reader.int("notify.max_attempts", in: 1...100)
        baseDelaySeconds = try reader.int("notify.base_delay_seconds", in: 0...86_400)
        maximumDelaySeconds = try reader.int("notify.max_delay_seconds", in: 0...604_800)
        webhookConcurrency = try reader.int("notify.webhook_concurrency", in: 1...256)
        webhookRatePerMinute = try reader.int("notify.webhook_rate_per_minute", in: 0...1_000_000)
        emailConcurrency = try reader.int("notify.email_concurrency", in: 1...64)
        emailRatePerMinute = try reader.int("notify.email_rate_per_minute", in: 0...1_000_000)
        smtpURL = reader.string("notify.smtp_url").flatMap { $0.isEmpty ? nil : $0 }
        smtpStartTLS = try reader.choice("notify.smtp_starttls", of: ["required", "optional", "none"])
        smtpFrom = reader.string("notify.smtp_from").flatMap { $0.isEmpty ? nil : $0 }
        smtpUsername = reader.string("notify.smtp_username").flatMap { $0.isEmpty ? nil : $0 }
        smtpPassword = reader.string("notify.smtp_password").flatMap { $0.isEmpty ? nil : $0 }
        smtpCAFile = reader.string("notify.smtp_ca_file").flatMap { $0.isEmpty ? nil : $0 }
        if smtpURL != nil, smtpFrom == nil {
            throw reader.error("notify.smtp_from", "must be set when notify.smtp_url is")
        }
        timeoutSeconds = try reader.int("notify.timeout_seconds", in: 1...300)
    }
}

extension NotifyConfiguration {
    /// The key that signs webhooks of `route`: its own, else the shared one; nil when neither is set.
    public func webhookSecret(for route: String) -> String? {
        routeWebhookSecrets[route] ?? webhookSecret
    }

    /// The webhook routes' own keys found in `environment`.
    ///
    /// - Throws: ``ConfigurationError`` naming the variable when a key is shorter than 32 bytes.
    static func routeSecrets(of routes: AlertRoutes, environment: [String: String]) throws -> [String: String] {
        var secrets: [String: String] = [:]
        for route in routes.routes where route.channel == .webhook {
            let name = route.secretEnvironmentName
            guard let secret = environment[name], !secret.isEmpty else { continue }
            guard secret.utf8.count >= 32 else {
                throw ConfigurationError(key: name, source: "environment", reason: "must be at least 32 bytes long")
            }
            secrets[route.name] = secret
        }
        return secrets
    }
}
