import Testing

@testable import Ingestor

@Suite("COPY text encoding")
struct CopyTextBufferTests {
    static func encode(_ bytes: [UInt8], _ encoding: TextEncoding = .utf8) -> Result<[UInt8], FieldError> {
        var buffer = CopyTextBuffer(capacity: 16)
        do throws(FieldError) {
            try bytes.withUnsafeBufferPointer { bytes throws(FieldError) in
                try buffer.appendText(bytes, encoding: encoding)
            }
            return .success(Array(buffer.bytes))
        } catch {
            return .failure(error)
        }
    }

    @Test("special characters are escaped, text is copied")
    func escaping() {
        #expect(Self.encode(Array("a\\b\tc\nd\re".utf8)) == .success(Array("a\\\\b\\tc\\nd\\re".utf8)))
        #expect(Self.encode(Array("Grüße 漢字 🙂".utf8)) == .success(Array("Grüße 漢字 🙂".utf8)))
    }

    @Test(
        "ill-formed UTF-8 is refused",
        arguments: [
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82],
        ] as [[UInt8]]
    )
    func invalidUTF8(bytes: [UInt8]) {
        guard case .failure(let error) = Self.encode([0x41] + bytes) else {
            Issue.record("accepted \(bytes)")
            return
        }
        #expect(error.reason.contains("not valid UTF-8"))
    }

    @Test("Windows-1252 becomes UTF-8")
    func windows1252() {
        #expect(
            Self.encode([0x43, 0x61, 0x66, 0xE9, 0x20, 0x80, 0x93, 0x94], .windows1252)
                == .success(Array("Café €“”".utf8))
        )
        #expect(Self.encode([0x8D], .windows1252) == .failure(FieldError("byte 0x8D is not defined in Windows-1252")))
    }

    @Test("numbers, money and dates are written in PostgreSQL's text forms")
    func numbers() {
        var buffer = CopyTextBuffer(capacity: 16)
        buffer.appendMinorUnits(-123_456)
        buffer.appendTab()
        buffer.appendMinorUnits(5)
        buffer.appendTab()
        buffer.appendInteger(0)
        buffer.appendTab()
        buffer.appendDate(CivilDate(year: 2024, month: 2, day: 9))
        buffer.appendTab()
        buffer.appendNull()
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == "-1234.56\t0.05\t0\t2024-02-09\t\\N")
    }
}
