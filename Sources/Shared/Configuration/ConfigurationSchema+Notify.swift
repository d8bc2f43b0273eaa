extension ConfigurationSchema {
    /// The keys of the `notify` section.
    static let notifyKeys: [Key] = [
        Key(
            name: "notify.routes_file",
            defaultValue: "",
            isSecret: false,
            summary: "YAML file of alert routes (see config/routes.example.yaml); empty = no alerts are queued"
        ),
        Key(
            name: "notify.webhook_secret",
            defaultValue: nil,
            isSecret: true,
            summary: "HMAC key signing webhooks (environment FINRCA_NOTIFY_WEBHOOK_SECRET only, at least 32 bytes)"
        ),
        Key(
            name: "notify.api_base_url",
            defaultValue: "http://127.0.0.1:8080",
            isSecret: false,
            summary: "base of the links to findings in alerts"
        ),
        Key(
            name: "notify.max_attempts",
            defaultValue: "8",
            isSecret: false,
            summary: "tries before an alert is dead (1-100)"
        ),
        Key(
            name: "notify.base_delay_seconds",
            defaultValue: "30",
            isSecret: false,
            summary: "delay after the first failure, doubling per failure with full jitter (0-86400)"
        ),
        Key(
            name: "notify.max_delay_seconds",
            defaultValue: "3600",
            isSecret: false,
            summary: "longest delay between tries"
        ),
        Key(
            name: "notify.webhook_concurrency",
            defaultValue: "8",
            isSecret: false,
            summary: "webhooks sent at once (1-256)"
        ),
        Key(
            name: "notify.webhook_rate_per_minute",
            defaultValue: "0",
            isSecret: false,
            summary: "most webhooks started per minute (0 = no limit)"
        ),
        Key(
            name: "notify.email_concurrency",
            defaultValue: "2",
            isSecret: false,
            summary: "emails sent at once (1-64)"
        ),
        Key(
            name: "notify.email_rate_per_minute",
            defaultValue: "60",
            isSecret: false,
            summary: "most emails started per minute, to stay under the relay's limits (0 = no limit)"
        ),
        Key(
            name: "notify.smtp_url",
            defaultValue: "",
            isSecret: false,
            summary:
                "smtp://host[:port] (STARTTLS per smtp_starttls) or smtps://host[:port] (implicit TLS); empty = no email"
        ),
        Key(
            name: "notify.smtp_starttls",
            defaultValue: "required",
            isSecret: false,
            summary: "required | optional | none — STARTTLS policy for smtp:// URLs"
        ),
        Key(name: "notify.smtp_from", defaultValue: "", isSecret: false, summary: "sender address of alert emails"),
        Key(
            name: "notify.smtp_username",
            defaultValue: "",
            isSecret: false,
            summary: "SMTP AUTH user; empty = no AUTH"
        ),
        Key(
            name: "notify.smtp_password",
            defaultValue: nil,
            isSecret: true,
            summary: "SMTP AUTH password (environment FINRCA_NOTIFY_SMTP_PASSWORD only)"
        ),
        Key(
            name: "notify.smtp_ca_file",
            defaultValue: "",
            isSecret: false,
            summary: "PEM file of CA certificates trusted for the relay instead of the system's"
        ),
        Key(
            name: "notify.timeout_seconds",
            defaultValue: "10",
            isSecret: false,
            summary: "per-delivery timeout (1-300)"
        ),
    ]
}
