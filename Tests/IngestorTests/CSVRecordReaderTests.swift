import Testing

@testable import Ingestor

@Suite("RFC 4180 record reader")
struct CSVRecordReaderTests {
    /// Reads every record as (line, outcome, fields).
    static func read(_ text: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), pieceSize: Int = .max)
        throws -> [(Int, CSVRecordReader<MemoryByteSource>.Outcome, [String])]
    {
        let reader = CSVRecordReader(
            source: MemoryByteSource(text, pieceSize: pieceSize),
            delimiter: delimiter,
            blockSize: 16
        )
        var result: [(Int, CSVRecordReader<MemoryByteSource>.Outcome, [String])] = []
        while true {
            let outcome = try reader.next()
            if outcome == .end { return result }
            let fields =
                outcome == .record
                ? (0..<reader.fieldCount).map { String(decoding: reader.field($0), as: UTF8.self) } : []
            result.append((reader.recordLine, outcome, fields))
        }
    }

    static let tricky = Array(
        "a,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\"multi\nline\"\n\nlast,,\"\"\nno,newline,at end".utf8
    )

    @Test("fields, quotes, doubled quotes, embedded newlines, CRLF, blank lines and line numbers")
    func trickyInput() throws {
        let records = try Self.read(Self.tricky)
        #expect(records.map(\.0) == [1, 2, 4, 5, 6])
        #expect(records.map(\.1) == [.record, .record, .blank, .record, .record])
        #expect(records[0].2 == ["a", "b", "c"])
        #expect(records[1].2 == ["x,1", "say \"hi\"", "multi\nline"])
        #expect(records[3].2 == ["last", "", ""])
        #expect(records[4].2 == ["no", "newline", "at end"])
    }

    @Test("the same records whatever the read boundaries", arguments: [1, 2, 3, 5, 7, 13, 64])
    func boundaries(pieceSize: Int) throws {
        let whole = try Self.read(Self.tricky)
        let pieces = try Self.read(Self.tricky, pieceSize: pieceSize)
        #expect(pieces.map(\.0) == whole.map(\.0))
        #expect(pieces.map(\.1) == whole.map(\.1))
        #expect(pieces.map(\.2) == whole.map(\.2))
    }

    @Test("a record longer than the first window grows the window")
    func longRecord() throws {
        let long = String(repeating: "x", count: 5_000)
        let records = try Self.read(Array("h\n\"\(long)\"\nend\n".utf8), pieceSize: 100)
        #expect(records.map(\.2) == [["h"], [long], ["end"]])
    }

    @Test("malformed records are reported and reading goes on")
    func malformed() throws {
        let records = try Self.read(Array("a,b\n\"x\"y,1\nok,2\n\"open,3\n".utf8))
        #expect(
            records.map(\.1) == [
                .record, .malformed("text after a closing quote"), .record, .malformed("unclosed quoted field"),
            ]
        )
        #expect(records.map(\.0) == [1, 2, 3, 4])
        #expect(records[2].2 == ["ok", "2"])
    }

    @Test("lone CR ends a record; other delimiters work")
    func crAndDelimiters() throws {
        #expect(
            try Self.read(Array("a;b\rc;d".utf8), delimiter: UInt8(ascii: ";")).map(\.2) == [["a", "b"], ["c", "d"]]
        )
        #expect(try Self.read(Array("a\tb|c\n".utf8), delimiter: 0x09).map(\.2) == [["a", "b|c"]])
    }

    @Test("delimiter sniffing ignores delimiters inside quotes")
    func sniff() {
        #expect(ExtractTranscoder<MemoryByteSource>.sniffDelimiter(Array("a;b;c\n1,2".utf8)) == UInt8(ascii: ";"))
        #expect(ExtractTranscoder<MemoryByteSource>.sniffDelimiter(Array("\"a,b,c\"|d|e\n".utf8)) == UInt8(ascii: "|"))
        #expect(ExtractTranscoder<MemoryByteSource>.sniffDelimiter(Array("a\tb\n".utf8)) == 0x09)
        #expect(ExtractTranscoder<MemoryByteSource>.sniffDelimiter(Array("single\n".utf8)) == UInt8(ascii: ","))
    }
}
