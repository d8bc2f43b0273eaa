import Foundation

/// Splits RFC 4180 input into records and fields at the byte level, without creating a `String` per field.
///
/// Handles quoted fields, doubled quotes, delimiters and newlines inside quotes, CRLF / LF / CR line ends and a
/// final record without a line end. Fields are exposed as byte spans that stay valid until the next call of
/// ``next()``. Every byte read is also passed to `observe` (for hashing and progress).
///
/// Records are kept contiguous in one growing window, so a rejected record's raw bytes are always available.
final class CSVRecordReader<Source: ByteSource> {
    /// What ``next()`` found.
    typealias Outcome = CSVRecordOutcome

    private var source: Source
    private let delimiter: UInt8
    private let maximumRecordBytes: Int
    private let observe: (UnsafeRawBufferPointer) -> Void

    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var endOfInput = false

    private var spans: [CSVFieldSpan] = []
    private var scratch: [UInt8] = []
    private var recordStart = 0
    private var recordEnd = 0

    /// The physical line (1-based) on which the last returned record starts.
    private(set) var recordLine = 0
    /// The physical line on which the next record starts.
    private var nextLine = 1

    private static var quote: UInt8 { 0x22 }
    private static var newline: UInt8 { 0x0A }
    private static var carriageReturn: UInt8 { 0x0D }

    /// Creates a reader over `source`.
    ///
    /// - Parameters:
    ///   - source: Where the bytes come from.
    ///   - delimiter: The field delimiter byte (`,` `;` `|` or tab).
    ///   - blockSize: Bytes requested per read.
    ///   - maximumRecordBytes: A record longer than this is reported malformed (usually an unclosed quote).
    ///   - observe: Called with every block of bytes read, in order.
    init(
        source: Source,
        delimiter: UInt8,
        blockSize: Int = 1 << 20,
        maximumRecordBytes: Int = 16 << 20,
        observe: @escaping (UnsafeRawBufferPointer) -> Void = { _ in }
    ) {
        self.source = source
        self.delimiter = delimiter
        self.maximumRecordBytes = max(maximumRecordBytes, blockSize)
        self.observe = observe
        capacity = blockSize
        buffer = .allocate(capacity: blockSize)
    }

    deinit {
        buffer.deallocate()
    }

    /// Number of fields in the current record.
    var fieldCount: Int { spans.count }

    /// The bytes of field `index` of the current record, quotes removed and doubled quotes collapsed.
    /// Valid until the next call of ``next()``.
    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let span = spans[index]
        if span.inScratch {
            return scratch.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[span.start..<span.end]) }
        }
        return UnsafeBufferPointer(start: buffer + span.start, count: span.end - span.start)
    }

    /// The raw bytes of the current record, including its line end. Valid until the next call of ``next()``.
    var rawRecord: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer + recordStart, count: recordEnd - recordStart)
    }

    /// Skips `count` bytes at the very start of the input (a byte order mark) if they equal `prefix`.
    /// Returns whether they did. Call before the first ``next()``.
    func skipPrefix(_ prefix: [UInt8]) throws -> Bool {
        while end - start < prefix.count, !endOfInput { try refill() }
        guard end - start >= prefix.count else { return false }
        for (offset, byte) in prefix.enumerated() where buffer[start + offset] != byte { return false }
        start += prefix.count
        return true
    }

    /// Reads the next record.
    func next() throws -> Outcome {
        while true {
            if start == end {
                if endOfInput { return .end }
                try refill()
                continue
            }
            switch try parseRecord() {
            case .complete(let next, let newlines):
                let blank =
                    spans.count == 1 && !spans[0].inScratch && spans[0].start == start && spans[0].end == start
                return finish(next: next, newlines: newlines, outcome: blank ? .blank : .record)
            case .malformed(let next, let newlines, let reason):
                return finish(next: next, newlines: newlines, outcome: .malformed(reason))
            case .incomplete:
                if endOfInput {
                    // parseRecord reports incomplete only while more input may come
                    throw CSVReaderFault(
                        line: nextLine,
                        reason: "the CSV reader stopped inside a record at the end (a finrca defect)"
                    )
                }
                if end - start >= maximumRecordBytes {
                    recordLine = nextLine
                    start = end
                    try skipRestOfOverlongRecord()
                    // the record's bytes are gone; report it without its raw text
                    recordStart = 0
                    recordEnd = 0
                    return .malformed("record longer than \(maximumRecordBytes >> 20) MiB (an unclosed quote?)")
                }
                try refill()
            }
        }
    }

    private func finish(next: Int, newlines: Int, outcome: Outcome) -> Outcome {
        recordStart = start
        recordEnd = next
        recordLine = nextLine
        nextLine += newlines
        start = next
        return outcome
    }

    private enum ParseResult {
        case complete(next: Int, newlines: Int)
        case malformed(next: Int, newlines: Int, reason: String)
        case incomplete
    }

    /// Parses one record starting at `start` within the bytes read so far.
    private func parseRecord() throws(CSVReaderFault) -> ParseResult {
        spans.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
        var position = start
        var newlines = 0
        while true {
            // A field starts at `position`.
            if position < end, buffer[position] == Self.quote {
                var cursor = position + 1
                var hasDoubledQuotes = false
                var closing = -1
                while cursor < end {
                    let byte = buffer[cursor]
                    if byte == Self.quote {
                        if cursor + 1 < end {
                            if buffer[cursor + 1] == Self.quote {
                                hasDoubledQuotes = true
                                cursor += 2
                                continue
                            }
                        } else if !endOfInput {
                            return .incomplete
                        }
                        closing = cursor
                        break
                    }
                    if byte == Self.newline { newlines += 1 }
                    cursor += 1
                }
                if closing < 0 {
                    if !endOfInput { return .incomplete }
                    return .malformed(next: end, newlines: newlines, reason: "unclosed quoted field")
                }
                if hasDoubledQuotes {
                    let scratchStart = scratch.count
                    var index = position + 1
                    while index < closing {
                        scratch.append(buffer[index])
                        index += buffer[index] == Self.quote ? 2 : 1
                    }
                    spans.append(CSVFieldSpan(start: scratchStart, end: scratch.count, inScratch: true))
                } else {
                    spans.append(CSVFieldSpan(start: position + 1, end: closing, inScratch: false))
                }
                position = closing + 1
                if position == end {
                    if !endOfInput { return .incomplete }
                    return .complete(next: end, newlines: newlines)
                }
                let byte = buffer[position]
                if byte == delimiter {
                    position += 1
                    continue
                }
                if let next = lineEnd(at: position) {
                    return next < 0 ? .incomplete : .complete(next: next, newlines: newlines + 1)
                }
                // Text after a closing quote: skip to the end of the physical line.
                var lineCursor = position
                while lineCursor < end, buffer[lineCursor] != Self.newline { lineCursor += 1 }
                if lineCursor == end {
                    if !endOfInput { return .incomplete }
                    return .malformed(next: end, newlines: newlines, reason: "text after a closing quote")
                }
                return .malformed(next: lineCursor + 1, newlines: newlines + 1, reason: "text after a closing quote")
            }
            // Unquoted field: up to the delimiter or a line end.
            var cursor = position
            let delimiter = self.delimiter
            while cursor < end {
                let byte = buffer[cursor]
                if byte == delimiter || byte == Self.newline || byte == Self.carriageReturn { break }
                cursor += 1
            }
            if cursor == end {
                if !endOfInput { return .incomplete }
                spans.append(CSVFieldSpan(start: position, end: cursor, inScratch: false))
                return .complete(next: end, newlines: newlines)
            }
            spans.append(CSVFieldSpan(start: position, end: cursor, inScratch: false))
            if buffer[cursor] == delimiter {
                position = cursor + 1
                continue
            }
            guard let next = lineEnd(at: cursor) else {
                throw CSVReaderFault(
                    line: nextLine + newlines,
                    reason: "the CSV reader expected a line end (a finrca defect)"
                )
            }
            return next < 0 ? .incomplete : .complete(next: next, newlines: newlines + 1)
        }
    }

    /// If a line end starts at `position`, the offset after it (-1 when more input is needed to tell CR from
    /// CRLF); nil when there is no line end at `position`.
    private func lineEnd(at position: Int) -> Int? {
        let byte = buffer[position]
        if byte == Self.newline { return position + 1 }
        guard byte == Self.carriageReturn else { return nil }
        if position + 1 < end { return buffer[position + 1] == Self.newline ? position + 2 : position + 1 }
        return endOfInput ? position + 1 : -1
    }

    /// Moves unread bytes to the front, grows the window if it is full, and reads one more block.
    private func refill() throws {
        if start > 0 {
            let remaining = end - start
            if remaining > 0 { memmove(buffer, buffer + start, remaining) }
            // Spans of the current record are invalid after this point; parseRecord rebuilds them.
            end = remaining
            start = 0
        }
        if end == capacity {
            let newCapacity = min(capacity * 2, maximumRecordBytes * 2)
            let newBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            newBuffer.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = newBuffer
            capacity = newCapacity
        }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        if count == 0 {
            endOfInput = true
        } else {
            observe(UnsafeRawBufferPointer(start: buffer + end, count: count))
            end += count
        }
    }

    /// After an overlong record, discards input up to the next line end so reading can go on.
    private func skipRestOfOverlongRecord() throws {
        while true {
            if start == end {
                if endOfInput { return }
                // keep the window small: drop what was examined
                start = 0
                end = 0
                try refill()
                continue
            }
            var cursor = start
            while cursor < end, buffer[cursor] != Self.newline { cursor += 1 }
            if cursor < end {
                nextLine += 1
                start = cursor + 1
                return
            }
            start = end
        }
    }
}
