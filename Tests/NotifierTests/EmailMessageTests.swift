import Foundation
import Testing

@testable import Notifier

@Suite("Email: RFC 5322 / MIME rendering")
struct EmailMessageTests {
    /// 2024-03-05 14:07:09 UTC.
    static let date = Date(timeIntervalSince1970: 1_709_647_629)

    static func message(
        to: [String] = ["controller@example.org", "audit@example.org"],
        subject: String = "Spend spike: Directorate of Finance",
        textBody: String = "Spend rose 42 % in 2024-03.\nSee the dashboard.",
        htmlBody: String? = "<p>Spend rose <b>42 %</b> in 2024-03.</p>"
    ) throws -> EmailMessage {
        try EmailMessage(
            from: "finrca@example.org",
            to: to,
            subject: subject,
            textBody: textBody,
            htmlBody: htmlBody,
            messageID: "alert-7.1@finrca.example.org",
            date: date
        )
    }

    /// The lines of `text` split at CRLF, after checking that no CR or LF appears outside a CRLF pair.
    static func crlfLines(_ text: String) -> [String] {
        let lines = text.components(separatedBy: "\r\n")
        #expect(!lines.contains { $0.contains("\r") || $0.contains("\n") }, "bare CR or LF in \(text.debugDescription)")
        return lines
    }

    @Test("a small ASCII message renders exactly, multipart/alternative with text and HTML parts")
    func exactMultipart() throws {
        let message = try Self.message()
        #expect(message.boundary == "=_finrca_ba0951a95b99a965")
        let expected = [
            "Date: Tue, 05 Mar 2024 14:07:09 +0000",
            "From: finrca@example.org",
            "To: controller@example.org, audit@example.org",
            "Subject: Spend spike: Directorate of Finance",
            "Message-ID: <alert-7.1@finrca.example.org>",
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
            "Content-Type: multipart/alternative; boundary=\"=_finrca_ba0951a95b99a965\"",
            "",
            "--=_finrca_ba0951a95b99a965",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Spend rose 42 % in 2024-03.",
            "See the dashboard.",
            "--=_finrca_ba0951a95b99a965",
            "Content-Type: text/html; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "<p>Spend rose <b>42 %</b> in 2024-03.</p>",
            "--=_finrca_ba0951a95b99a965--",
            "",
        ]
        .joined(separator: "\r\n")
        #expect(message.renderedText() == expected)
        #expect(message.rendered() == Array(expected.utf8))
    }

    @Test("without an HTML body the message is a single text/plain part")
    func exactSinglePart() throws {
        let message = try Self.message(to: ["controller@example.org"], textBody: "One line.", htmlBody: nil)
        let expected = [
            "Date: Tue, 05 Mar 2024 14:07:09 +0000",
            "From: finrca@example.org",
            "To: controller@example.org",
            "Subject: Spend spike: Directorate of Finance",
            "Message-ID: <alert-7.1@finrca.example.org>",
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "One line.",
            "",
        ]
        .joined(separator: "\r\n")
        #expect(message.renderedText() == expected)
    }

    @Test("a non-ASCII subject is one RFC 2047 base64 word when it fits")
    func nonASCIISubject() throws {
        let message = try Self.message(subject: "Überweisung über Schwelle: 3 Buchungen")
        let lines = Self.crlfLines(message.renderedText())
        #expect(lines[3] == "Subject: =?UTF-8?B?w5xiZXJ3ZWlzdW5nIMO8YmVyIFNjaHdlbGxlOiAzIEJ1Y2h1bmdlbg==?=")
        #expect(lines[4].hasPrefix("Message-ID: "))
    }

    @Test("a long non-ASCII subject folds into words of at most 75 characters, whole characters in each")
    func longNonASCIISubject() throws {
        let subject =
            "Kostenstelle Jugendhilfe: Ausgaben 3× über Vorjahr — Prüfung empfohlen 📈 (Zeitraum 2024-03, Rückfrage an Controlling)"
        let field = HeaderField.unstructured("Subject", subject)
        let lines = Self.crlfLines(field).dropLast()
        #expect(subject.utf8.count == 126)
        #expect(lines.count == 3)  // at most 42 bytes in the first word (after "Subject: "), 45 in the others
        #expect(field.hasSuffix("\r\n"))
        var decoded: [UInt8] = []
        for (index, line) in lines.enumerated() {
            #expect(line.utf8.count <= 78)
            let word = index == 0 ? String(line.dropFirst("Subject: ".count)) : String(line.dropFirst(1))
            if index > 0 { #expect(line.hasPrefix(" ")) }
            #expect(word.utf8.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            let bytes = try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
            #expect(String(bytes: bytes, encoding: .utf8) != nil, "word \(index) splits a character")
            decoded += bytes
        }
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
    }

    @Test("a long ASCII subject folds at a space; control characters and space runs become one space")
    func longASCIISubject() throws {
        let subject =
            "Trend alert: Directorate of Adult Social Care spend rose 38 % against the previous period and the same period last year"
        #expect(
            HeaderField.unstructured("Subject", subject)
                == "Subject: Trend alert: Directorate of Adult Social Care spend rose 38 % against\r\n the previous period and the same period last year\r\n"
        )
        #expect(
            HeaderField.unstructured("Subject", "  Hi\r\nBcc: evil@example.org\t ")
                == "Subject: Hi Bcc: evil@example.org\r\n"
        )
        #expect(HeaderField.unstructured("Subject", "") == "Subject: \r\n")
        // Text that looks like an encoded word is itself encoded, so a reader cannot mistake it.
        #expect(HeaderField.unstructured("Subject", "=?x?") == "Subject: =?UTF-8?B?PT94Pw==?=\r\n")
        // One word too long to fold is encoded too (encoded words can be split).
        let long = String(repeating: "x", count: 80)
        #expect(Self.crlfLines(HeaderField.unstructured("Subject", long)).allSatisfy { $0.utf8.count <= 78 })
    }

    @Test("many recipients fold after the commas")
    func foldedRecipients() throws {
        let addresses = (1...3).map { "recipient-number-\($0)@finance.example.org" }
        #expect(
            HeaderField.addressList("To", addresses)
                == "To: recipient-number-1@finance.example.org,\r\n recipient-number-2@finance.example.org,\r\n recipient-number-3@finance.example.org\r\n"
        )
        #expect(HeaderField.addressList("To", ["a@b.c", "d@e.f"]) == "To: a@b.c, d@e.f\r\n")
    }

    @Test("quoted-printable: long lines get soft breaks at 76, escapes are never split")
    func quotedPrintableWrapping() {
        let hundred = String(repeating: "a", count: 100)
        #expect(
            QuotedPrintable.encode(hundred) == String(repeating: "a", count: 75) + "=\r\n"
                + String(repeating: "a", count: 25)
        )
        let exactly76 = String(repeating: "b", count: 76)
        #expect(QuotedPrintable.encode(exactly76) == exactly76)
        #expect(QuotedPrintable.encode(exactly76 + "c") == String(repeating: "b", count: 75) + "=\r\nbc")
        #expect(
            QuotedPrintable.encode(String(repeating: "a", count: 74) + "é") == String(repeating: "a", count: 74)
                + "=\r\n=C3=A9"
        )
        #expect(
            QuotedPrintable.encode(String(repeating: "a", count: 70) + "é") == String(repeating: "a", count: 70)
                + "=C3=A9"
        )
        // Bytes of one UTF-8 character may sit on both sides of a soft break; decoding is bytewise.
        #expect(
            QuotedPrintable.encode(String(repeating: "a", count: 71) + "é") == String(repeating: "a", count: 71)
                + "=C3=\r\n=A9"
        )
    }

    @Test("quoted-printable: '=', controls, non-ASCII and trailing white space are escaped; line ends become CRLF")
    func quotedPrintableEscapes() {
        #expect(QuotedPrintable.encode("a=b") == "a=3Db")
        #expect(QuotedPrintable.encode("Grüße") == "Gr=C3=BC=C3=9Fe")
        #expect(QuotedPrintable.encode("end  \ntab\t\nmid dle") == "end =20\r\ntab=09\r\nmid dle")
        #expect(QuotedPrintable.encode("a\r\nb\rc\nd\n") == "a\r\nb\r\nc\r\nd\r\n")
        #expect(QuotedPrintable.encode("nul\u{0}bell\u{7}") == "nul=00bell=07")
        #expect(QuotedPrintable.encode(".\n.hidden") == ".\r\n.hidden")  // dot-stuffing is the SMTP client's job
        #expect(QuotedPrintable.encode("") == "")
    }

    @Test("every line of a message with long and non-ASCII bodies is CRLF-terminated, ASCII and at most 78 long")
    func lineDiscipline() throws {
        let long = String(repeating: "Überweisung an Lieferant 4711 = 1.234,56 € ", count: 12)
        let message = try Self.message(
            to: (1...6).map { "recipient-\($0)@finance.example.org" },
            subject: String(repeating: "Ausgabenüberschreitung ", count: 6),
            textBody: long + "\n\n" + long,
            htmlBody: "<p>\(long)</p>\r\n<p>\(long)</p>"
        )
        let text = message.renderedText()
        #expect(text.hasSuffix("\r\n"))
        #expect(message.rendered().allSatisfy { $0 < 128 })
        for line in Self.crlfLines(text) {
            #expect(line.utf8.count <= 78, "too long: \(line)")
        }
    }

    @Test("dates are RFC 5322 in UTC, whatever the instant")
    func dates() {
        #expect(RFC5322Date.string(from: Self.date) == "Tue, 05 Mar 2024 14:07:09 +0000")
        #expect(
            RFC5322Date.string(from: Date(timeIntervalSince1970: 1_709_251_199.9)) == "Thu, 29 Feb 2024 23:59:59 +0000"
        )
        #expect(RFC5322Date.string(from: Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(RFC5322Date.string(from: Date(timeIntervalSince1970: -1)) == "Wed, 31 Dec 1969 23:59:59 +0000")
        #expect(RFC5322Date.string(from: Date(timeIntervalSince1970: -14_182_940)) == "Sun, 20 Jul 1969 20:17:40 +0000")
    }

    @Test("addresses and Message-IDs that could break a header or an SMTP command are refused")
    func validation() {
        func make(from: String = "finrca@example.org", to: [String] = ["a@example.org"], id: String = "x@finrca")
            throws(EmailMessageError)
        {
            _ = try EmailMessage(from: from, to: to, subject: "s", textBody: "b", messageID: id)
        }
        #expect(throws: Never.self) { try make() }
        #expect(throws: Never.self) { try make(to: ["first.last+tag@sub.example.org"]) }
        #expect(throws: EmailMessageError.noRecipients) { try make(to: []) }
        for bad in [
            "", "plain", "@example.org", "a@", "A <a@example.org>", "a@example.org\r\nRCPT TO:<x@y>", "a b@example.org",
            "a@exa mple.org", "a@.example.org", "ä@example.org", "a@example.org>",
        ] {
            #expect(throws: EmailMessageError.invalidAddress(field: "to", value: bad)) {
                try make(to: ["ok@example.org", bad])
            }
        }
        #expect(throws: EmailMessageError.invalidAddress(field: "from", value: "nobody")) { try make(from: "nobody") }
        for bad in ["", "no-at", "@x", "x@", "a b@c", "<a@b>", "a@b@c", "a@b\r\n"] {
            #expect(throws: EmailMessageError.invalidMessageID(bad)) { try make(id: bad) }
        }
        #expect(EmailMessageError.invalidAddress(field: "to", value: "x").description.contains("to"))
    }
}
