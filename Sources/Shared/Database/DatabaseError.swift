/// The database could not be reached or refused the connection.
///
/// Commands exit with code 3 (``ExitStatus/databaseUnavailable``) on this error.
public struct DatabaseUnavailableError: Error, Sendable, CustomStringConvertible {
    /// The endpoint tried, without password.
    public var endpoint: String
    /// What went wrong, from the driver.
    public var reason: String

    /// Creates the error.
    public init(endpoint: String, reason: String) {
        self.endpoint = endpoint
        self.reason = reason
    }

    /// `database unavailable at postgres://…: connection refused`.
    public var description: String {
        "database unavailable at \(endpoint): \(reason). Start the private cluster with scripts/pg-start.sh or set FINRCA_DATABASE_URL."
    }
}

/// The process exit codes every finrca command uses (documented in the README).
public enum ExitStatus: Int32, Sendable {
    /// Everything was done.
    case ok = 0
    /// Bad command line or configuration; nothing was done.
    case usage = 1
    /// Input data was refused: a file was not loaded (unreadable, bad header, too many rejected rows).
    case dataRejected = 2
    /// PostgreSQL could not be reached.
    case databaseUnavailable = 3
    /// A file was loaded, but some of its rows were rejected and stored in `ingest_rejects`.
    case partiallyRejected = 4
    /// An unexpected internal or database error; see the log.
    case failure = 5
    /// Another process is doing the same job (it holds the job's advisory lock); nothing was done.
    case busy = 6
}
