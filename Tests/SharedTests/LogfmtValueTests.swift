import Shared
import Testing

@Suite("logfmt values: nothing a value holds can end the line")
struct LogfmtValueTests {
    @Test(
        "plain values stay bare; spaces, = and quotes are quoted",
        arguments: [
            ("scan-42", "scan-42"), ("", "\"\""), ("two words", "\"two words\""), ("a=b", "\"a=b\""),
            ("say \"hi\"", "\"say \\\"hi\\\"\""), (#"C:\temp"#, #""C:\\temp""#),
        ]
    )
    func quoting(_ value: String, _ expected: String) {
        #expect(LogfmtValue.escaped(value) == expected)
    }

    @Test("a user name with CR LF cannot forge a journal line; every control character is escaped")
    func controlCharacters() {
        let forged = "alice\r\nts=2026-01-01 level=info msg=\"admin logged in\""
        let escaped = LogfmtValue.escaped(forged)
        #expect(!escaped.contains("\n") && !escaped.contains("\r"))
        #expect(escaped.hasPrefix("\"alice\\r\\nts=2026-01-01"))
        #expect(LogfmtValue.escaped("bell\u{7}") == "\"bell\\u{7}\"")
        #expect(LogfmtValue.escaped("nul\u{0}x") == "\"nul\\u{0}x\"")
        #expect(LogfmtValue.escaped("line\u{2028}sep") == "\"line\\u{2028}sep\"")
        #expect(LogfmtValue.escaped("tab\there") == "\"tab\\there\"")
        #expect(LogfmtValue.escaped("café") == "café")
    }
}
