import Testing

@testable import Server

@Suite("Passwords are checked as the bytes bcrypt hashes")
struct PasswordRuleTests {
    @Test("12 to 72 bytes without NUL are accepted")
    func accepted() throws {
        try UserStore.checkPassword(String(repeating: "a", count: 12))
        try UserStore.checkPassword(String(repeating: "a", count: 72))
        try UserStore.checkPassword(String(repeating: "é", count: 36))  // 36 characters, 72 bytes
    }

    @Test("a NUL, or more than 72 bytes (even in fewer characters), is refused with the reason; short is weak")
    func refused() {
        #expect(throws: UserStore.AddError.weakPassword) { try UserStore.checkPassword("short") }
        #expect(throws: UserStore.AddError.unusablePassword("the password must not contain a NUL character")) {
            try UserStore.checkPassword("correct horse\u{0}battery")
        }
        #expect(
            throws: UserStore.AddError.unusablePassword(
                "the password is 73 bytes in UTF-8; bcrypt checks at most 72, so use at most 72 bytes"
            )
        ) { try UserStore.checkPassword(String(repeating: "a", count: 73)) }
        #expect(throws: UserStore.AddError.self) { try UserStore.checkPassword(String(repeating: "é", count: 37)) }
    }
}
