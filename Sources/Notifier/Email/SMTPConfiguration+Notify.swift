public import Shared

extension SMTPConfiguration {
    /// The relay settings from the `notify.smtp_*` keys.
    ///
    /// - Throws: ``ConfigurationError`` naming the key: `notify.smtp_url` when email is not configured, or
    ///   the key of the first invalid setting.
    public init(notify: NotifyConfiguration) throws(ConfigurationError) {
        guard let url = notify.smtpURL else {
            throw ConfigurationError(
                key: "notify.smtp_url",
                source: "default",
                reason: "email alerts need an SMTP relay; set notify.smtp_url"
            )
        }
        do {
            try self.init(
                url: url,
                startTLS: StartTLS(rawValue: notify.smtpStartTLS) ?? .required,
                username: notify.smtpUsername,
                password: notify.smtpPassword,
                timeout: .seconds(notify.timeoutSeconds),
                from: notify.smtpFrom ?? "",
                caCertificatesFile: notify.smtpCAFile
            )
        } catch {
            let (field, reason): (String, String) =
                switch error {
                case .invalid(let field, let reason): (field, reason)
                }
            let key = [
                "url": "notify.smtp_url", "from": "notify.smtp_from", "username": "notify.smtp_username",
                "password": "notify.smtp_password", "ca_file": "notify.smtp_ca_file",
                "timeout": "notify.timeout_seconds",
            ][field]
            throw ConfigurationError(key: key ?? "notify.smtp_\(field)", source: "configuration", reason: reason)
        }
    }
}
