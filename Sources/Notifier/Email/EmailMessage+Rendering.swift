extension EmailMessage {
    /// The MIME boundary: `=_finrca_` and a hash of the Message-ID. A boundary starting with `=_` can never
    /// occur in quoted-printable text (which writes `=` as `=3D`), so it needs no search of the bodies.
    public var boundary: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a 64
        for byte in messageID.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "=_finrca_" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The message as RFC 5322 bytes for SMTP `DATA`: CRLF line ends, lines of at most 78 characters (a
    /// header holding one very long address or Message-ID excepted), 7-bit ASCII only.
    ///
    /// Headers: `Date`, `From`, `To`, `Subject`, `Message-ID`, `MIME-Version`, `Auto-Submitted:
    /// auto-generated` (RFC 3834, so auto-responders stay quiet) and `Content-Type`. With an HTML body the
    /// content is `multipart/alternative` (text/plain first, then text/html); without, a single text/plain
    /// part. Bodies are UTF-8, quoted-printable. Dot-stuffing is left to the SMTP client (libcurl does it).
    public func rendered() -> [UInt8] {
        Array(renderedText().utf8)
    }

    /// ``rendered()`` as a string.
    public func renderedText() -> String {
        var text = HeaderField.simple("Date", RFC5322Date.string(from: date))
        text += HeaderField.simple("From", from)
        text += HeaderField.addressList("To", to)
        text += HeaderField.unstructured("Subject", subject)
        text += HeaderField.simple("Message-ID", "<\(messageID)>")
        text += HeaderField.simple("MIME-Version", "1.0")
        text += HeaderField.simple("Auto-Submitted", "auto-generated")
        guard let htmlBody else {
            return text + Self.part(contentType: "text/plain", body: textBody)
        }
        text += HeaderField.simple("Content-Type", "multipart/alternative; boundary=\"\(boundary)\"")
        text += "\r\n"
        text += "--\(boundary)\r\n" + Self.part(contentType: "text/plain", body: textBody)
        text += "--\(boundary)\r\n" + Self.part(contentType: "text/html", body: htmlBody)
        text += "--\(boundary)--\r\n"
        return text
    }

    /// A part's headers, blank line and quoted-printable body, ending with CRLF.
    private static func part(contentType: String, body: String) -> String {
        var text = HeaderField.simple("Content-Type", "\(contentType); charset=UTF-8")
        text += HeaderField.simple("Content-Transfer-Encoding", "quoted-printable")
        text += "\r\n"
        text += QuotedPrintable.encode(body)
        return text + "\r\n"
    }
}
