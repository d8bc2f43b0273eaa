import Testing

@testable import Detector

/// Text values are coded by their UTF-8 bytes (the reader's path), with the same codes Swift's `String` equality
/// gives: first appearance, NULL = 0, canonically equivalent spellings one value.
@Suite("Dictionary coding: codes by bytes, values by String equality")
struct DictionaryCodingTests {
    @Test("codes in order of first appearance; NULL is 0; the empty string is a value")
    func firstAppearance() {
        var dictionary = Dictionary32()
        #expect(dictionary.code(nil) == 0)
        #expect(dictionary.code("B") == 1)
        #expect(dictionary.code("A") == 2)
        #expect(dictionary.code("B") == 1)
        #expect(dictionary.code("") == 3)
        #expect(dictionary.code("") == 3)
        #expect((0..<4).map { dictionary.value(Int32($0)) } == [nil, "B", "A", ""])
        #expect(dictionary.value(0) == nil)
        #expect(dictionary.value(3) == "")
    }

    @Test("bytes and strings find the same codes")
    func bytesAndStrings() {
        var dictionary = Dictionary32()
        let supplier = "Northumbrian Water Limited (a long name)"
        #expect(dictionary.code(supplier) == 1)
        let code = Array(supplier.utf8).withUnsafeBytes { dictionary.code(utf8: $0) }
        #expect(code == 1)
        let other = Array("Northumbrian Water".utf8).withUnsafeBytes { dictionary.code(utf8: $0) }
        #expect(other == 2)
        #expect(dictionary.code("Northumbrian Water") == 2)
        #expect(dictionary.count == 3)
    }

    @Test(
        "canonically equivalent spellings are one value, the first one seen kept",
        arguments: [
            ("K", "\u{212A}"), ("\u{212A}", "K"), ("caf\u{E9}", "cafe\u{301}"), ("cafe\u{301}", "caf\u{E9}"),
        ]
    )
    func equivalentSpellings(first: String, second: String) {
        var dictionary = Dictionary32()
        #expect(dictionary.code("ASCII before") == 1)
        #expect(dictionary.code(first) == 2)
        #expect(dictionary.code(second) == 2)
        #expect(dictionary.code(first) == 2)
        #expect(dictionary.code("ASCII after") == 3)
        #expect(dictionary.value(2)!.utf8.elementsEqual(first.utf8))
    }

    @Test("many values: every one keeps its code as the index grows")
    func growth() {
        var dictionary = Dictionary32()
        for number in 0..<20_000 { #expect(dictionary.code("REF-\(number)") == Int32(number + 1)) }
        var misses = 0
        for number in (0..<20_000).reversed() where dictionary.code("REF-\(number)") != Int32(number + 1) {
            misses += 1
        }
        #expect(misses == 0)
        #expect(dictionary.count == 20_001)
    }

    @Test(
        "blank: empty or whitespace only, as Character.isWhitespace counts it",
        arguments: [
            "", " ", "\t\n", "\r\n", "\u{A0}", "\u{3000}", " \u{2028} ", "A", " A", "1234", "~", "\u{A0}x", "\u{7F}",
        ]
    )
    func blank(value: String) {
        #expect(Array(value.utf8).withUnsafeBytes(Dictionary32.isBlank) == value.allSatisfy(\.isWhitespace))
    }
}
