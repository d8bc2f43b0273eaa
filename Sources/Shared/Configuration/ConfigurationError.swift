/// A configuration value that is missing, malformed or out of range, with the key, where it came from and why.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The dotted key, e.g. `ingest.max_reject_share`.
    public var key: String
    /// Where the offending value came from, e.g. `/etc/finrca/config.yaml`, `FINRCA_DATABASE_URL` or `--database-url`.
    public var source: String
    /// What is wrong, in words an operator can act on.
    public var reason: String

    /// Creates an error for `key` read from `source`.
    public init(key: String, source: String, reason: String) {
        self.key = key
        self.source = source
        self.reason = reason
    }

    /// `config error: ingest.max_reject_share (from FINRCA_INGEST_MAX_REJECT_SHARE): must be between 0 and 1`.
    public var description: String {
        "configuration error: \(key) (from \(source)): \(reason)"
    }
}
