/// Settings of `finrca notify` (`notify.*`; routes are read separately, see ``AlertRoutes``).
public struct NotifyConfiguration: Sendable {
    /// HMAC key for webhook signatures, from `FINRCA_NOTIFY_WEBHOOK_SECRET`.
    public var webhookSecret: String?
    /// Base URL of the links to findings.
    public var apiBaseURL = "http://127.0.0.1:8080"
    /// Tries before dead.
    public var maximumAttempts = 8
    /// First retry delay in seconds.
    public var baseDelaySeconds = 30
    /// Longest retry delay in seconds.
    public var maximumDelaySeconds = 3600
    /// Alerts in flight per channel.
    public var concurrency = 8
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
        concurrency = try reader.int("notify.concurrency", in: 1...256)
        timeoutSeconds = try reader.int("notify.timeout_seconds", in: 1...300)
    }
}
