/// A failed delivery: libcurl's result code, its error text and the server's last SMTP reply code.
///
/// ``description`` is safe to log and to store (`alerts.last_error`): it never contains the password.
public struct SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, roughly.
    public enum Kind: String, Sendable {
        /// The relay's host name did not resolve.
        case couldNotResolveHost = "could not resolve host"
        /// Nothing accepted the TCP connection.
        case couldNotConnect = "could not connect"
        /// The timeout passed.
        case timedOut = "timed out"
        /// TLS was required but not offered, or the handshake or certificate check failed.
        case tls = "TLS failed"
        /// The server refused the credentials.
        case authenticationFailed = "authentication failed"
        /// The server answered a command (MAIL, RCPT, DATA, end of data) with a 4xx or 5xx reply.
        case rejected = "rejected by the server"
        /// The connection broke or the server answered nonsense.
        case connectionFailed = "connection failed"
        /// The sending task was cancelled.
        case cancelled = "cancelled"
        /// libcurl could not be set up (initialisation, memory, an unsupported option).
        case setup = "setup failed"
    }

    /// The classification of ``curlCode`` and ``responseCode``.
    public var kind: Kind
    /// libcurl's `CURLcode` (e.g. 7 = `CURLE_COULDNT_CONNECT`, 28 = `CURLE_OPERATION_TIMEDOUT`).
    public var curlCode: Int
    /// libcurl's explanation: the `CURLOPT_ERRORBUFFER` text, else `curl_easy_strerror`.
    public var curlMessage: String
    /// The last SMTP reply code (`CURLINFO_RESPONSE_CODE`), 0 when there was none.
    public var responseCode: Int

    /// Creates an error, classifying it from the codes.
    public init(curlCode: Int, curlMessage: String, responseCode: Int) {
        self.curlCode = curlCode
        self.curlMessage = curlMessage
        self.responseCode = responseCode
        self.kind = Self.classify(curlCode: curlCode, responseCode: responseCode)
    }

    /// Whether a later attempt may succeed without anyone changing the configuration: a 4xx reply, or a
    /// network, time-out or cancellation failure. A 5xx reply, refused credentials and TLS failures are not.
    public var isTransient: Bool {
        if (400..<500).contains(responseCode) { return true }
        if (500..<600).contains(responseCode) { return false }
        switch kind {
        case .couldNotResolveHost, .couldNotConnect, .timedOut, .connectionFailed, .cancelled, .rejected: return true
        case .tls, .authenticationFailed, .setup: return false
        }
    }

    /// E.g. `SMTP delivery failed: could not connect (curl 7: Failed to connect to 127.0.0.1 port 1 …)`, with
    /// `, SMTP reply 550` when the server answered with an error.
    public var description: String {
        let reply = responseCode >= 400 ? ", SMTP reply \(responseCode)" : ""
        return "SMTP delivery failed: \(kind.rawValue) (curl \(curlCode): \(curlMessage)\(reply))"
    }

    /// Maps libcurl's stable `CURLcode` numbers (`man libcurl-errors`).
    static func classify(curlCode: Int, responseCode: Int) -> Kind {
        switch curlCode {
        // UNSUPPORTED_PROTOCOL, FAILED_INIT, URL_MALFORMAT, NOT_BUILT_IN, OUT_OF_MEMORY, BAD_FUNCTION_ARGUMENT,
        // UNKNOWN_OPTION, SETOPT_OPTION_SYNTAX, SSL_ENGINE_NOTFOUND, SSL_ENGINE_SETFAILED,
        // SSL_ENGINE_INITFAILED, RECURSIVE_API_CALL
        case 1, 2, 3, 4, 27, 43, 48, 49, 53, 54, 66, 93: return .setup
        case 5, 6: return .couldNotResolveHost  // COULDNT_RESOLVE_PROXY, COULDNT_RESOLVE_HOST
        case 7: return .couldNotConnect  // COULDNT_CONNECT
        case 28: return .timedOut  // OPERATION_TIMEDOUT
        // SSL_CONNECT_ERROR, SSL_CERTPROBLEM, SSL_CIPHER, PEER_FAILED_VERIFICATION, USE_SSL_FAILED,
        // SSL_CACERT_BADFILE, SSL_SHUTDOWN_FAILED, SSL_CRL_BADFILE, SSL_ISSUER_ERROR,
        // SSL_PINNEDPUBKEYNOTMATCH, SSL_INVALIDCERTSTATUS, SSL_CLIENTCERT
        case 35, 58, 59, 60, 64, 77, 80, 82, 83, 90, 91, 98: return .tls
        case 67, 94: return .authenticationFailed  // LOGIN_DENIED, AUTH_ERROR
        case 42: return .cancelled  // ABORTED_BY_CALLBACK
        // SEND_ERROR (a refused MAIL, RCPT or DATA), WEIRD_SERVER_REPLY, RECV_ERROR, GOT_NOTHING, ...
        default: return responseCode >= 400 ? .rejected : .connectionFailed
        }
    }
}
