import Testing

@testable import Shared

@Suite("JSON parsing: strict RFC 8259 with exact numbers")
struct JSONValueParsingTests {
    @Test(
        "numbers stay exact: Int64 integers as int, everything else as the text written",
        arguments: [
            ("42", JSONValue.int(42)), ("-7", .int(-7)), ("0", .int(0)),
            ("9223372036854775807", .int(.max)), ("-9223372036854775808", .int(.min)),
            ("9223372036854775808", .decimalText("9223372036854775808")),
            ("0.1", .decimalText("0.1")), ("1e400", .decimalText("1e400")), ("-0.00", .decimalText("-0.00")),
            ("-0", .decimalText("-0")), ("1E+2", .decimalText("1E+2")), ("12345678.90", .decimalText("12345678.90")),
        ]
    )
    func numbers(text: String, expected: JSONValue) throws {
        #expect(try JSONValue(parsing: text) == expected)
    }

    @Test("objects keep their key order; written back, the text is the same")
    func keyOrder() throws {
        let text = #"{"b":1,"a":[true,false,null],"c":{"z":"0.10","y":0.10},"a":2}"#
        let value = try JSONValue(parsing: text)
        #expect(value.objectValue?.map(\.0) == ["b", "a", "c", "a"])
        #expect(value["a"]?.arrayValue?.count == 3)
        #expect(value["c"]?["y"] == .decimalText("0.10"))
        #expect(value.text == text)
    }

    @Test("strings: escapes, surrogate pairs, multi-byte text")
    func strings() throws {
        let value = try JSONValue(parsing: #" "q\"b\\s\/\b\f\n\r\t\u00e9\ud83d\ude00 é€" "#)
        #expect(value == .string("q\"b\\s/\u{08}\u{0C}\n\r\té😀 é€"))
    }

    @Test("accessors")
    func accessors() throws {
        let value = try JSONValue(parsing: #"{"n":3,"d":1.50,"s":"x","b":false,"z":null,"a":[]}"#)
        #expect(value["n"]?.intValue == 3)
        #expect(value["n"]?.decimalTextValue == "3")
        #expect(value["d"]?.decimalTextValue == "1.50")
        #expect(value["d"]?.intValue == nil)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["b"]?.boolValue == false)
        #expect(value["z"]?.isNull == true)
        #expect(value["a"]?.arrayValue == [])
        #expect(value["missing"] == nil)
        #expect(value["s"]?["x"] == nil)
        #expect(JSONValue.double(0.25).decimalTextValue == "0.25")
        #expect(JSONValue.double(.nan).decimalTextValue == nil)
    }

    @Test(
        "invalid input: the problem and its byte offset",
        arguments: [
            ("", JSONParsingError.Code.unexpectedEnd, 0), ("   ", .unexpectedEnd, 3), ("[1,]", .unexpectedCharacter, 3),
            ("[1 2]", .unexpectedCharacter, 3), ("01", .invalidNumber, 1), ("-", .unexpectedEnd, 1),
            ("-a", .invalidNumber, 1),
            ("1.", .unexpectedEnd, 2), ("1.e5", .invalidNumber, 2), ("1e+", .unexpectedEnd, 3),
            (".5", .unexpectedCharacter, 0),
            ("+1", .unexpectedCharacter, 0), ("NaN", .unexpectedCharacter, 0), ("tru", .unexpectedEnd, 3),
            ("nul1", .unexpectedCharacter, 3), (#"{"a" 1}"#, .unexpectedCharacter, 5),
            (#"{"a":1,}"#, .unexpectedCharacter, 7),
            ("{1:2}", .unexpectedCharacter, 1), (#""abc"#, .unexpectedEnd, 4), (#""\x""#, .invalidEscape, 1),
            (#""\u12G4""#, .invalidEscape, 5), (#""\ud800""#, .invalidSurrogate, 1),
            (#""\udc00\u0041""#, .invalidSurrogate, 1),
            ("\"a\nb\"", .controlCharacter, 2), ("[1] x", .trailingContent, 4), ("\"é\" x", .trailingContent, 5),
            ("\u{00A0}1", .unexpectedCharacter, 0), ("[1]]", .trailingContent, 3),
        ]
    )
    func invalid(text: String, code: JSONParsingError.Code, offset: Int) {
        #expect(throws: JSONParsingError(code: code, offset: offset)) { try JSONValue(parsing: text) }
    }

    @Test("nesting deeper than the limit is refused, not a stack overflow")
    func nesting() throws {
        let limit = JSONValue.maximumNestingDepth
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(throws: Never.self) { try JSONValue(parsing: deepest) }
        #expect(throws: JSONParsingError(code: .nestingTooDeep, offset: limit)) {
            try JSONValue(parsing: String(repeating: "[", count: limit + 1))
        }
        #expect(JSONParsingError(code: .invalidNumber, offset: 12).description == "invalid number at byte 12")
    }
}
