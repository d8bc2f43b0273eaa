import CCurl

/// libcurl's process-wide initialisation, done once, on first use, before any handle is created.
///
/// A Swift `static let` is initialised exactly once even when several threads get there together. It is
/// never undone with `curl_global_cleanup`: finrca is a daemon and the process's exit releases everything.
enum CurlGlobal {
    /// `curl_global_init(CURL_GLOBAL_DEFAULT)`'s result.
    static let initialisation: CURLcode = finrca_curl_global_init_default()
}
