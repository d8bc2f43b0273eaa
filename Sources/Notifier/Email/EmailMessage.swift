public import Foundation

/// An alert email: its envelope-independent content, ready to be rendered as RFC 5322 bytes with ``rendered()``.
///
/// The initialiser checks the parts that end up in structured headers (addresses, Message-ID), so a value
/// always renders to a well-formed message. Bodies and the subject are free text.
public struct EmailMessage: Sendable, Equatable {
    /// The `From` header's address, e.g. `finrca@example.org`.
    public let from: String
    /// The `To` header's addresses; also the envelope recipients when sent with ``SMTPSender``.
    public let to: [String]
    /// The subject, any Unicode text. When rendered, control characters become spaces, runs of white space
    /// become one space and the ends are trimmed; non-ASCII subjects are sent as RFC 2047 encoded words.
    public let subject: String
    /// The text/plain part.
    public let textBody: String
    /// The text/html part; without it the message is a single text/plain part.
    public let htmlBody: String?
    /// The Message-ID without angle brackets, e.g. `alert-42.1@finrca.example.org`. Derive it from the alert's
    /// idempotency key so that a resent alert carries the same ID and mail clients can recognise it.
    public let messageID: String
    /// The `Date` header's instant (rendered in UTC, whole seconds).
    public let date: Date

    /// Creates a message, checking the addresses and the Message-ID.
    ///
    /// - Throws: ``EmailMessageError`` naming the first invalid field.
    public init(
        from: String,
        to: [String],
        subject: String,
        textBody: String,
        htmlBody: String? = nil,
        messageID: String,
        date: Date = Date()
    ) throws(EmailMessageError) {
        guard EmailSyntax.isAddress(from) else { throw .invalidAddress(field: "from", value: from) }
        guard !to.isEmpty else { throw .noRecipients }
        for address in to where !EmailSyntax.isAddress(address) {
            throw .invalidAddress(field: "to", value: address)
        }
        guard EmailSyntax.isMessageID(messageID) else { throw .invalidMessageID(messageID) }
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.messageID = messageID
        self.date = date
    }
}
