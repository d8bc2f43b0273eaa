import Foundation
import Shared

/// What a whole file contributed, counted while it was transcoded.
public struct TranscodeTotals: Sendable, Equatable {
    /// Rows and signed total (minor units) of one fiscal year.
    public struct YearTotal: Sendable, Equatable {
        /// Rows accepted for the year.
        public var rows: Int
        /// Their signed amounts summed by the debit/credit rule, in minor units.
        public var minorUnits: Int64
    }

    /// Data records read (header and blank lines excluded; malformed records included).
    public var rowsRead = 0
    /// Records turned into rows.
    public var rowsAccepted = 0
    /// Records refused.
    public var rowsRejected = 0
    /// Empty lines skipped.
    public var blankLines = 0
    /// Accepted rows by fiscal year.
    public var years: [Int: YearTotal] = [:]

    /// The largest sum of absolute amounts (minor units) a file may carry: ``Int64/max``, so no year's total and
    /// no file total can overflow. A file beyond it is refused (at its 9,224th row of the largest `NUMERIC(15,2)`
    /// amount, 9,999,999,999,999.99).
    public static let maximumGrossMinorUnits = UInt64(Int64.max)

    /// Signed total of all accepted rows, in minor units.
    public var minorUnits: Int64 { years.values.reduce(0) { $0 + $1.minorUnits } }
}

/// Streams one extract into COPY text chunks for `finance_expense`: reads records, resolves the header
/// against a profile, transcodes each row, and collects rejected rows with line, column and reason.
///
/// Rows are gathered per fiscal year, so every chunk goes to one partition. Memory stays bounded: a year's
/// buffer is handed out when it reaches the chunk size, and the largest one when all together hold four chunks.
final class ExtractTranscoder<Source: ByteSource> {
    private let reader: CSVRecordReader<Source>
    private let transcoder: RowTranscoder
    private let plan: TranscodePlan
    private let chunkBytes: Int
    private let maxStoredRejects: Int
    private let fileName: String
    private var yearBuffers: [Int: YearBuffer] = [:]
    private var endOfInput = false
    /// The absolute amounts of the accepted rows summed, in minor units (bounds every control total).
    private var grossMinorUnits: UInt64 = 0

    /// Totals so far; final once ``nextChunk()`` returned nil.
    private(set) var totals = TranscodeTotals()
    /// Rejected rows kept in detail (at most `maxStoredRejects`).
    private(set) var rejects: [RejectedRow] = []
    /// The accepted rows' spend and lines per slice so far; final once ``nextChunk()`` returned nil.
    private(set) var slices: SliceTally

    /// Reads the header and prepares the plan.
    ///
    /// - Parameters:
    ///   - source: The file's bytes.
    ///   - head: The first bytes of the same file (up to 64 KiB), used to sniff the delimiter when the profile
    ///     says `auto`.
    ///   - profile: How the file's columns map.
    ///   - fileName: Used in messages.
    ///   - batchID: The batch the rows belong to.
    ///   - chunkBytes: Bytes per COPY chunk.
    ///   - maxStoredRejects: Rejected rows kept in detail.
    ///   - period: Fiscal year and period of every row (`--period`), for a file whose rows carry none.
    ///   - observe: Sees every byte read (hashing, progress).
    /// - Throws: ``MappingError`` when the header lacks a required column, ``IngestFileError`` for an empty file.
    init(
        source: Source,
        head: [UInt8],
        profile: MappingProfile,
        fileName: String,
        batchID: Int64,
        chunkBytes: Int,
        maxStoredRejects: Int,
        period: FiscalPeriod? = nil,
        observe: @escaping (UnsafeRawBufferPointer) -> Void
    ) throws {
        let settings = try ResolvedSettings(profile: profile, source: profile.name)
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let hasBOM = head.starts(with: bom)
        if hasBOM, settings.encoding == .windows1252 {
            throw IngestFileError(
                file: fileName,
                line: 1,
                reason: "starts with a UTF-8 byte order mark but the profile declares windows-1252"
            )
        }
        let delimiter = settings.delimiter ?? Self.sniffDelimiter(hasBOM ? Array(head.dropFirst(3)) : head)
        let reader = CSVRecordReader(source: source, delimiter: delimiter, observe: observe)
        self.reader = reader
        if hasBOM { _ = try reader.skipPrefix(bom) }
        var header: [String] = []
        headerLoop: while true {
            switch try Self.next(reader, fileName: fileName) {
            case .record:
                header = (0..<reader.fieldCount)
                    .map { index in
                        settings.encoding.string(from: reader.field(index))
                            .trimmingCharacters(in: [" ", "\t"])
                    }
                break headerLoop
            case .blank:
                continue
            case .malformed(let reason):
                throw IngestFileError(
                    file: fileName,
                    line: reader.recordLine,
                    reason: "header line is not valid CSV: \(reason)"
                )
            case .end:
                throw IngestFileError(file: fileName, line: 1, reason: "file is empty (no header line)")
            }
        }
        plan = try TranscodePlan(profile: profile, settings: settings, header: header, source: fileName, period: period)
        transcoder = RowTranscoder(plan: plan, batchID: batchID)
        slices = SliceTally(plan: plan)
        self.chunkBytes = chunkBytes
        self.maxStoredRejects = maxStoredRejects
        self.fileName = fileName
    }

    /// Transcodes rows until one fiscal year has about `chunkBytes` ready and passes them, with the year, to
    /// `body`; returns nil once the file is exhausted and every buffer was handed out. The bytes are valid only
    /// inside `body`.
    func nextChunk<Result>(_ body: (UnsafeRawBufferPointer, Int) async throws -> Result) async throws -> Result? {
        guard let ready = try fillChunk() else { return nil }
        defer { ready.buffer.removeAll() }
        return try await body(ready.buffer.bytes, ready.fiscalYear)
    }

    /// ``nextChunk(_:)`` for a caller that does not suspend (unit tests, the fuzzer in `Benchmarks/fuzz`).
    func nextChunkNow<Result>(_ body: (UnsafeRawBufferPointer, Int) throws -> Result) throws -> Result? {
        guard let ready = try fillChunk() else { return nil }
        defer { ready.buffer.removeAll() }
        return try body(ready.buffer.bytes, ready.fiscalYear)
    }

    /// Transcodes rows until one fiscal year's buffer is ready to be sent; nil once every buffer was handed out.
    private func fillChunk() throws -> YearBuffer? {
        var ready: YearBuffer?
        var rowsSinceSizeCheck = 0
        while ready == nil, !endOfInput {
            switch try Self.next(reader, fileName: fileName) {
            case .end:
                endOfInput = true
            case .blank:
                totals.blankLines += 1
            case .malformed(let reason):
                totals.rowsRead += 1
                reject(column: nil, reason: "not valid CSV: \(reason)")
            case .record:
                totals.rowsRead += 1
                if let facts = transcodeRecord() {
                    try count(facts)
                    let reader = self.reader
                    slices.add(
                        fiscalYear: facts.fiscalYear,
                        period: facts.period,
                        minorUnits: facts.signedMinorUnits,
                        field: { reader.field($0) }
                    )
                    if let target = yearBuffers[facts.fiscalYear], target.buffer.count >= chunkBytes { ready = target }
                }
                rowsSinceSizeCheck += 1
                if rowsSinceSizeCheck == 256, ready == nil {
                    rowsSinceSizeCheck = 0
                    if yearBuffers.values.reduce(0, { $0 + $1.buffer.count }) >= 4 * chunkBytes {
                        ready = yearBuffers.values.max { $0.buffer.count < $1.buffer.count }
                    }
                }
            }
        }
        if ready == nil {
            ready = yearBuffers.values.filter { $0.buffer.count > 0 }.min { $0.fiscalYear < $1.fiscalYear }
        }
        return ready
    }

    /// The reader's next outcome; a ``CSVReaderFault`` becomes an ``IngestFileError`` for the file.
    private static func next(_ reader: CSVRecordReader<Source>, fileName: String) throws -> CSVRecordOutcome {
        do {
            return try reader.next()
        } catch let fault as CSVReaderFault {
            throw IngestFileError(file: fileName, line: fault.line, reason: fault.reason)
        }
    }

    /// Transcodes the current record into its year's buffer; nil (and the row rejected) when it is refused.
    private func transcodeRecord() -> RowTranscoder.RowFacts? {
        let reader = self.reader
        do {
            return try transcoder.transcode(
                fieldCount: reader.fieldCount,
                field: { reader.field($0) },
                line: reader.recordLine,
                buffers: { self.buffer(for: $0) }
            )
        } catch {
            reject(column: error.column.isEmpty ? nil : error.column, reason: error.reason)
            return nil
        }
    }

    /// Adds an accepted row to the control totals.
    ///
    /// - Throws: ``IngestFileError`` naming the row's line and amount column when the amounts read so far add
    ///   up, in absolute value, beyond ``TranscodeTotals/maximumGrossMinorUnits``: past that a year's or the
    ///   file's signed total could not be held exactly.
    private func count(_ facts: RowTranscoder.RowFacts) throws {
        let (gross, overflow) = grossMinorUnits.addingReportingOverflow(facts.signedMinorUnits.magnitude)
        guard !overflow, gross <= TranscodeTotals.maximumGrossMinorUnits else {
            throw IngestFileError(
                file: fileName,
                line: reader.recordLine,
                column: transcoder.header(of: .companyCodeCurrencyValue),
                reason:
                    "the file's amounts add up to more than \(Money(minorUnits: .max)) in absolute value, beyond what "
                    + "a control total can hold exactly; nothing was loaded"
            )
        }
        grossMinorUnits = gross
        totals.rowsAccepted += 1
        totals.years[facts.fiscalYear, default: .init(rows: 0, minorUnits: 0)].rows += 1
        totals.years[facts.fiscalYear, default: .init(rows: 0, minorUnits: 0)].minorUnits += facts.signedMinorUnits
    }

    private func buffer(for fiscalYear: Int) -> YearBuffer {
        if let buffer = yearBuffers[fiscalYear] { return buffer }
        let buffer = YearBuffer(fiscalYear: fiscalYear, capacity: chunkBytes + 64 * 1024)
        yearBuffers[fiscalYear] = buffer
        return buffer
    }

    private func reject(column: String?, reason: String) {
        totals.rowsRejected += 1
        guard rejects.count < maxStoredRejects else { return }
        var raw = reader.rawRecord
        while let last = raw.last, last == 0x0A || last == 0x0D { raw = UnsafeBufferPointer(rebasing: raw.dropLast()) }
        if raw.count > 65_536 { raw = UnsafeBufferPointer(rebasing: raw.prefix(65_536)) }
        rejects.append(
            RejectedRow(
                line: reader.recordLine,
                column: column,
                reason: reason,
                rawLine: plan.settings.encoding.string(from: raw)
            )
        )
    }

    /// The delimiter among `,` `;` `|` tab that occurs most often outside quotes on the first line (`,` if none).
    static func sniffDelimiter(_ head: [UInt8]) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "|"), 0x09]
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        for byte in head {
            if byte == 0x22 {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == 0x0A || byte == 0x0D { break }
                if let index = candidates.firstIndex(of: byte) { counts[index] += 1 }
            }
        }
        var best = 0
        for index in counts.indices where counts[index] > counts[best] { best = index }
        return counts[best] > 0 ? candidates[best] : UInt8(ascii: ",")
    }
}
