/// How to reach the SMTP relay that delivers alert emails.
///
/// The password is whatever the caller passes (finrca reads it from the environment, never from the YAML
/// file); ``description`` and the mirror used by `dump` never show it.
public struct SMTPConfiguration: Sendable, CustomStringConvertible, CustomReflectable {
    /// Whether to upgrade a plain `smtp://` connection with STARTTLS (libcurl's `CURLOPT_USE_SSL`).
    public enum StartTLS: String, Sendable, CaseIterable {
        /// Never; everything, credentials included, travels in clear text. Only for a relay on a trusted network.
        case none
        /// When the server offers it; a man in the middle can remove the offer.
        case optional
        /// Always; the send fails when the server does not offer it or the handshake fails.
        case required
    }

    /// `smtp://host[:port]` (port 25 by default; STARTTLS per ``startTLS``) or `smtps://host[:port]`
    /// (implicit TLS, port 465 by default). An optional path is the domain sent with EHLO.
    public let url: String
    /// STARTTLS policy for `smtp://`; ignored for `smtps://`, which is always TLS.
    public let startTLS: StartTLS
    /// The AUTH user name; `nil` sends no AUTH.
    public let username: String?
    /// The AUTH password.
    public let password: String?
    /// The limit for the whole delivery, connection included.
    public let timeout: Duration
    /// The envelope sender (`MAIL FROM`), where bounces go.
    public let from: String
    /// A PEM file of CA certificates to trust instead of the system's (a relay with a private CA).
    public let caCertificatesFile: String?

    /// Creates a configuration after checking it.
    ///
    /// - Throws: ``SMTPConfigurationError`` when the URL is not `smtp://` or `smtps://` with a host, carries
    ///   credentials, the timeout is not positive, or `from` is not a plain address.
    public init(
        url: String,
        startTLS: StartTLS = .required,
        username: String? = nil,
        password: String? = nil,
        timeout: Duration = .seconds(30),
        from: String,
        caCertificatesFile: String? = nil
    ) throws(SMTPConfigurationError) {
        try Self.checkURL(url)
        guard timeout > .zero else { throw .invalid(field: "timeout", reason: "must be positive") }
        guard EmailSyntax.isAddress(from) else {
            throw .invalid(
                field: "from",
                reason: "\(String(reflecting: from)) is not a plain address like name@example.org"
            )
        }
        if password != nil, username == nil {
            throw .invalid(field: "username", reason: "a password was given without a user name")
        }
        for (field, value) in [("username", username), ("password", password), ("ca_file", caCertificatesFile)] {
            if let value, value.utf8.contains(where: { $0 < 32 || $0 == 127 }) {
                throw .invalid(field: field, reason: "contains control characters")
            }
        }
        self.url = url
        self.startTLS = startTLS
        self.username = username
        self.password = password
        self.timeout = timeout
        self.from = from
        self.caCertificatesFile = caCertificatesFile
    }

    /// Whether the URL asks for implicit TLS.
    public var isImplicitTLS: Bool { url.lowercased().hasPrefix("smtps://") }

    /// The settings without the password, e.g. `smtp://relay:587 (STARTTLS required, user alerts, password set,
    /// timeout 30.0 seconds, from finrca@example.org)`.
    public var description: String {
        var parts = [isImplicitTLS ? "implicit TLS" : "STARTTLS \(startTLS.rawValue)"]
        if let username { parts.append("user \(username), password \(password == nil ? "not set" : "set")") }
        parts.append("timeout \(timeout)")
        parts.append("from \(from)")
        if let caCertificatesFile { parts.append("CA file \(caCertificatesFile)") }
        return "\(url) (\(parts.joined(separator: ", ")))"
    }

    /// Like ``description``: the password shows as `<redacted>`.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "url": url, "startTLS": startTLS, "username": username as Any,
                "password": password == nil ? "nil" : "<redacted>", "timeout": timeout, "from": from,
                "caCertificatesFile": caCertificatesFile as Any,
            ],
            displayStyle: .struct
        )
    }

    /// The timeout in whole milliseconds, at least 1.
    var timeoutMilliseconds: Int {
        let components = timeout.components
        let milliseconds = components.seconds.multipliedReportingOverflow(by: 1000)
        guard !milliseconds.overflow else { return Int.max }
        return max(1, Int(clamping: milliseconds.partialValue + components.attoseconds / 1_000_000_000_000_000))
    }

    private static func checkURL(_ url: String) throws(SMTPConfigurationError) {
        let lowered = url.lowercased()
        guard let schemeEnd = lowered.firstRange(of: "://"),
            ["smtp", "smtps"].contains(lowered[..<schemeEnd.lowerBound])
        else {
            throw .invalid(field: "url", reason: "must start with smtp:// or smtps://")
        }
        guard !url.utf8.contains(where: { $0 <= 32 || $0 == 127 }) else {
            throw .invalid(field: "url", reason: "contains spaces or control characters")
        }
        let authority = lowered[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.contains("@") else {
            throw .invalid(
                field: "url",
                reason: "must not contain credentials; give the user name and password separately"
            )
        }
        guard !authority.isEmpty, !authority.hasPrefix(":") else { throw .invalid(field: "url", reason: "has no host") }
    }
}
