import Foundation

/// Sends ``EmailMessage``s through an SMTP relay with libcurl.
///
/// Each send opens its own connection. libcurl's blocking `curl_easy_perform` runs on a thread of its own,
/// never on Swift's cooperative thread pool; the calling task just waits. (A concurrent `DispatchQueue` is not
/// enough: on Linux its width is the number of cores, so two slow relays would stall every other send.)
/// Cancelling the task stops the transfer at libcurl's next progress callback (within about a second).
public struct SMTPSender: Sendable {
    /// Creates a sender.
    public init() {}

    /// Delivers `message` to all of `message.to`, with `configuration.from` as the envelope sender.
    ///
    /// The server must accept every recipient; otherwise nothing is sent.
    ///
    /// - Throws: ``SMTPError`` with libcurl's code and text and the server's last reply code.
    public func send(_ message: EmailMessage, configuration: SMTPConfiguration) async throws(SMTPError) {
        let payload = message.rendered()
        let recipients = message.to
        let cancellation = CancellationFlag()
        if Task.isCancelled { cancellation.cancel() }
        let result: Result<Void, SMTPError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = Thread {
                    continuation.resume(
                        returning: CurlSMTPTransfer.perform(
                            payload: payload,
                            recipients: recipients,
                            configuration: configuration,
                            cancellation: cancellation
                        )
                    )
                }
                thread.name = "finrca-smtp"
                thread.start()
            }
        } onCancel: {
            cancellation.cancel()
        }
        try result.get()
    }
}
