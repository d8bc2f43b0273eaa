import CCurl

/// One blocking SMTP delivery with a libcurl easy handle. Call it off Swift's cooperative thread pool.
enum CurlSMTPTransfer {
    /// Connects per `configuration`, sends `MAIL FROM:<configuration.from>`, `RCPT TO` for each recipient and
    /// `payload` as the DATA, and returns the failure, if any.
    static func perform(
        payload: [UInt8],
        recipients: [String],
        configuration: SMTPConfiguration,
        cancellation: CancellationFlag
    ) -> Result<Void, SMTPError> {
        do throws(SMTPError) {
            try run(payload: payload, recipients: recipients, configuration: configuration, cancellation: cancellation)
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    private static func run(
        payload: [UInt8],
        recipients: [String],
        configuration: SMTPConfiguration,
        cancellation: CancellationFlag
    ) throws(SMTPError) {
        guard !cancellation.isCancelled else {
            throw SMTPError(
                curlCode: Int(CURLE_ABORTED_BY_CALLBACK.rawValue),
                curlMessage: "cancelled before sending",
                responseCode: 0
            )
        }
        let initialisation = CurlGlobal.initialisation
        guard initialisation == CURLE_OK else { throw failure(initialisation, "curl_global_init") }
        var recipientList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(recipientList) }
        for recipient in recipients {
            guard let list = curl_slist_append(recipientList, "<\(recipient)>") else {
                throw failure(CURLE_OUT_OF_MEMORY, "curl_slist_append")
            }
            recipientList = list
        }

        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        defer { errorBuffer.deallocate() }

        let upload = Unmanaged.passRetained(UploadState(bytes: payload, cancellation: cancellation))
        defer { upload.release() }

        // Created last, so it is cleaned up first, while the buffers it points to still exist.
        guard let handle = curl_easy_init() else { throw failure(CURLE_FAILED_INIT, "curl_easy_init") }
        defer { curl_easy_cleanup(handle) }

        let options = CurlOptions(handle: handle)
        try options.set(CURLOPT_ERRORBUFFER, "ERRORBUFFER", pointer: errorBuffer)
        try options.set(CURLOPT_NOSIGNAL, "NOSIGNAL", 1)
        try options.set(CURLOPT_URL, "URL", configuration.url)
        try options.set(CURLOPT_PROTOCOLS_STR, "PROTOCOLS_STR", "smtp,smtps")
        try options.set(CURLOPT_USE_SSL, "USE_SSL", useSSL(configuration.startTLS))
        if let file = configuration.caCertificatesFile { try options.set(CURLOPT_CAINFO, "CAINFO", file) }
        if let username = configuration.username { try options.set(CURLOPT_USERNAME, "USERNAME", username) }
        if let password = configuration.password { try options.set(CURLOPT_PASSWORD, "PASSWORD", password) }
        try options.set(CURLOPT_MAIL_FROM, "MAIL_FROM", "<\(configuration.from)>")
        try options.check(finrca_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipientList), "MAIL_RCPT")
        try options.set(CURLOPT_UPLOAD, "UPLOAD", 1)
        try options.set(CURLOPT_INFILESIZE, "INFILESIZE", payload.count)  // SIZE= on MAIL FROM when offered
        try options.check(finrca_curl_setopt_readfunction(handle, UploadState.readCallback), "READFUNCTION")
        try options.set(CURLOPT_READDATA, "READDATA", pointer: upload.toOpaque())
        try options.check(finrca_curl_setopt_xferinfofunction(handle, UploadState.progressCallback), "XFERINFOFUNCTION")
        try options.set(CURLOPT_XFERINFODATA, "XFERINFODATA", pointer: upload.toOpaque())
        try options.set(CURLOPT_NOPROGRESS, "NOPROGRESS", 0)
        try options.set(CURLOPT_TIMEOUT_MS, "TIMEOUT_MS", configuration.timeoutMilliseconds)
        try options.set(CURLOPT_CONNECTTIMEOUT_MS, "CONNECTTIMEOUT_MS", configuration.timeoutMilliseconds)

        let code = curl_easy_perform(handle)
        guard code != CURLE_OK else { return }
        var responseCode = 0
        _ = finrca_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &responseCode)
        let bufferText = String(cString: errorBuffer)
        throw SMTPError(
            curlCode: Int(code.rawValue),
            curlMessage: bufferText.isEmpty ? String(cString: curl_easy_strerror(code)) : bufferText,
            responseCode: responseCode
        )
    }

    private static func useSSL(_ startTLS: SMTPConfiguration.StartTLS) -> Int {
        switch startTLS {
        case .none: Int(CURLUSESSL_NONE.rawValue)
        case .optional: Int(CURLUSESSL_TRY.rawValue)
        case .required: Int(CURLUSESSL_ALL.rawValue)
        }
    }

    static func failure(_ code: CURLcode, _ call: String) -> SMTPError {
        SMTPError(
            curlCode: Int(code.rawValue),
            curlMessage: "\(call): \(String(cString: curl_easy_strerror(code)))",
            responseCode: 0
        )
    }
}

/// `curl_easy_setopt` through the shim's typed wrappers, turning a refused option into an ``SMTPError``.
private struct CurlOptions {
    let handle: UnsafeMutableRawPointer

    func set(_ option: CURLoption, _ name: String, _ value: String) throws(SMTPError) {
        try check(finrca_curl_setopt_string(handle, option, value), name)
    }

    func set(_ option: CURLoption, _ name: String, _ value: Int) throws(SMTPError) {
        try check(finrca_curl_setopt_long(handle, option, value), name)
    }

    func set(_ option: CURLoption, _ name: String, pointer: UnsafeMutableRawPointer) throws(SMTPError) {
        try check(finrca_curl_setopt_pointer(handle, option, pointer), name)
    }

    func set(_ option: CURLoption, _ name: String, pointer: UnsafeMutablePointer<CChar>) throws(SMTPError) {
        try set(option, name, pointer: UnsafeMutableRawPointer(pointer))
    }

    func check(_ code: CURLcode, _ name: String) throws(SMTPError) {
        guard code == CURLE_OK else { throw CurlSMTPTransfer.failure(code, "CURLOPT_\(name)") }
    }
}
