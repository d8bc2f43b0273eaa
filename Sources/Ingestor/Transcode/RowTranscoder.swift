import Shared

/// A row that was refused, with the file position and the reason.
public struct RejectedRow: Sendable, Equatable, Codable {
    /// Physical line (1-based, header is line 1) where the record starts.
    public var line: Int
    /// The column concerned, as named in the file's header (nil for whole-record problems).
    public var column: String?
    /// Why it was refused.
    public var reason: String
    /// The record as it stood in the file, decoded for display (invalid bytes replaced), at most 64 KiB.
    public var rawLine: String

    enum CodingKeys: String, CodingKey {
        case line, column, reason
        case rawLine = "raw_line"
    }
}

/// COPY text waiting to be sent to one fiscal year's partition.
final class YearBuffer {
    /// The fiscal year of every row in the buffer.
    let fiscalYear: Int
    /// The rows.
    var buffer: CopyTextBuffer

    init(fiscalYear: Int, capacity: Int) {
        self.fiscalYear = fiscalYear
        buffer = CopyTextBuffer(capacity: capacity)
    }
}

/// Turns one parsed CSV record into one row of COPY text for `finance_expense`, or a ``RejectedRow``.
///
/// Output columns: the 31 ``FinanceExpenseColumn`` values in order, then `batch_id` and `source_line`.
struct RowTranscoder {
    /// The COPY column list matching what ``transcode(fieldCount:field:line:into:)`` writes.
    static let copyColumns: [String] = FinanceExpenseColumn.allCases.map(\.rawValue) + ["batch_id", "source_line"]

    private let plan: TranscodePlan
    private let batchID: [UInt8]
    private let columns = FinanceExpenseColumn.allCases
    private let valueIndex = FinanceExpenseColumn.allCases.firstIndex(of: .companyCodeCurrencyValue)!
    private let indicatorIndex = FinanceExpenseColumn.allCases.firstIndex(of: .debitCreditInd)!
    private let yearIndex = FinanceExpenseColumn.allCases.firstIndex(of: .generalLedgerFiscalYear)!
    private let periodIndex = FinanceExpenseColumn.allCases.firstIndex(of: .postingPeriod)!
    private let dateIndex = FinanceExpenseColumn.allCases.firstIndex(of: .postingDate)!

    /// What one good row contributed.
    struct RowFacts {
        var fiscalYear: Int
        var period: Int
        /// Signed by the debit/credit rule.
        var signedMinorUnits: Int64
    }

    init(plan: TranscodePlan, batchID: Int64) {
        self.plan = plan
        self.batchID = Array(String(batchID).utf8)
    }

    /// A failure in one column.
    struct ColumnFailure: Error {
        var column: String
        var reason: String
    }

    /// Writes one row for the record whose fields `field(i)` returns into the buffer `buffers` gives for the
    /// row's fiscal year, or throws ``ColumnFailure`` and leaves every buffer as it was.
    func transcode(
        fieldCount: Int,
        field: (Int) -> UnsafeBufferPointer<UInt8>,
        line: Int,
        buffers: (Int) -> YearBuffer
    ) throws(ColumnFailure) -> RowFacts {
        let settings = plan.settings
        if fieldCount < plan.headerFieldCount {
            throw ColumnFailure(column: "", reason: "has \(fieldCount) fields, the header has \(plan.headerFieldCount)")
        }
        if fieldCount > plan.headerFieldCount, settings.extraFields == .reject {
            throw ColumnFailure(column: "", reason: "has \(fieldCount) fields, the header has \(plan.headerFieldCount)")
        }

        // Values that other columns depend on are parsed first.
        let parsedValue = try parse(valueIndex, field) { bytes throws(FieldError) in
            try FieldParsers.amount(bytes, format: settings.numberFormat)
        }
        guard var value = parsedValue, value.magnitude <= FieldParsers.maximumMinorUnits else {
            throw failure(valueIndex, parsedValue == nil ? "amount is empty" : "amount is too large for NUMERIC(15,2)")
        }
        var magnitudeOrValue = value
        let indicator: DebitCredit
        switch settings.amountSign {
        case .signed:
            indicator = value < 0 ? .credit : .debit
            magnitudeOrValue = value.magnitude == 0 ? 0 : Int64(value.magnitude)
        case .indicator:
            let parsed = try parse(indicatorIndex, field) { bytes throws(FieldError) -> DebitCredit in
                let trimmed = FieldParsers.trimmed(bytes)
                guard trimmed.count == 1, let indicator = DebitCredit(byte: trimmed[0]) else {
                    throw FieldError("debit/credit indicator must be S (debit) or H (credit)")
                }
                return indicator
            }
            guard let parsed else { throw failure(indicatorIndex, "debit/credit indicator is empty") }
            indicator = parsed
        }
        value = magnitudeOrValue

        let date =
            try parse(dateIndex, field) { bytes throws(FieldError) in
                try FieldParsers.date(bytes, format: settings.dateFormat)
            } ?? nil
        let fiscalYear: Int
        let period: Int
        if let filePeriod = plan.filePeriod {
            fiscalYear = filePeriod.year
            period = filePeriod.period
        } else if plan.derivesPeriodFromDate {
            guard let date else {
                throw failure(dateIndex, "posting date is empty; fiscal year and period are derived from it")
            }
            let startMonth = settings.fiscalYearStartMonth
            fiscalYear = date.month >= startMonth ? date.year : date.year - 1
            period = (date.month - startMonth + 12) % 12 + 1
            guard Schema.fiscalYears.contains(fiscalYear) else {
                throw failure(
                    dateIndex,
                    "posting date gives fiscal year \(fiscalYear), outside \(Schema.fiscalYears.lowerBound)–\(Schema.fiscalYears.upperBound)"
                )
            }
        } else {
            let year = try parse(yearIndex, field) { bytes throws(FieldError) in
                let year = try FieldParsers.integer(bytes, maxDigits: 4)
                guard (1900...2999).contains(year) else {
                    throw FieldError("fiscal year must be between 1900 and 2999")
                }
                return year
            }
            guard let year else { throw failure(yearIndex, "fiscal year is empty") }
            let parsedPeriod = try parse(periodIndex, field) { bytes throws(FieldError) in
                let period = try FieldParsers.integer(bytes, maxDigits: 3)
                guard (1...16).contains(period) else { throw FieldError("posting period must be between 1 and 16") }
                return period
            }
            guard let parsedPeriod else { throw failure(periodIndex, "posting period is empty") }
            fiscalYear = year
            period = parsedPeriod
        }

        let target = buffers(fiscalYear)
        let rowStart = target.buffer.count
        do throws(ColumnFailure) {
            try write(
                period: period,
                fiscalYear: fiscalYear,
                value: value,
                indicator: indicator,
                date: date,
                line: line,
                field: field,
                into: &target.buffer
            )
        } catch {
            target.buffer.truncate(to: rowStart)
            throw error
        }
        return RowFacts(fiscalYear: fiscalYear, period: period, signedMinorUnits: indicator.signedAmount(value: value))
    }

    @inline(__always)
    private func write(
        period: Int,
        fiscalYear: Int,
        value: Int64,
        indicator: DebitCredit,
        date: CivilDate?,
        line: Int,
        field: (Int) -> UnsafeBufferPointer<UInt8>,
        into output: inout CopyTextBuffer
    ) throws(ColumnFailure) {
        for index in 0..<columns.count {
            if index > 0 { output.appendTab() }
            switch index {
            case periodIndex: output.appendInteger(period)
            case yearIndex: output.appendInteger(fiscalYear)
            case valueIndex: output.appendMinorUnits(value)
            case indicatorIndex: output.append(indicator.rawValue)
            case dateIndex:
                if let date { output.appendDate(date) } else { output.appendNull() }
            default:
                try appendText(index, field, into: &output)
            }
        }
        output.appendTab()
        batchID.withUnsafeBufferPointer { output.appendRaw($0) }
        output.appendTab()
        output.appendInteger(line)
        output.append(0x0A)
    }

    /// Runs `parser` on the column's bytes; nil when the column is absent or its field is empty.
    @inline(__always)
    private func parse<Value>(
        _ index: Int,
        _ field: (Int) -> UnsafeBufferPointer<UInt8>,
        _ parser: (UnsafeBufferPointer<UInt8>) throws(FieldError) -> Value
    ) throws(ColumnFailure) -> Value? {
        do {
            switch plan.sources[index] {
            case .absent:
                return nil
            case .field(let position, _):
                let bytes = field(position)
                if FieldParsers.trimmed(bytes).isEmpty { return nil }
                return try parser(bytes)
            case .constant(let constant):
                return try constant.withUnsafeBufferPointer { bytes throws(FieldError) in try parser(bytes) }
            }
        } catch {
            throw failure(index, error.reason)
        }
    }

    @inline(__always)
    private func appendText(
        _ index: Int,
        _ field: (Int) -> UnsafeBufferPointer<UInt8>,
        into output: inout CopyTextBuffer
    ) throws(ColumnFailure) {
        let encoding = plan.settings.encoding
        do {
            switch plan.sources[index] {
            case .absent:
                output.appendNull()
            case .field(let position, _):
                let bytes = FieldParsers.trimmed(field(position))
                if bytes.isEmpty { output.appendNull() } else { try output.appendText(bytes, encoding: encoding) }
            case .constant(let constant):
                try constant.withUnsafeBufferPointer { bytes throws(FieldError) in
                    try output.appendText(bytes, encoding: .utf8)
                }
            }
        } catch {
            throw failure(index, error.reason)
        }
    }

    /// The name messages use for `column`: its header in the file, or the target column's own name.
    func header(of column: FinanceExpenseColumn) -> String {
        failure(columns.firstIndex(of: column) ?? valueIndex, "").column
    }

    private func failure(_ index: Int, _ reason: String) -> ColumnFailure {
        switch plan.sources[index] {
        case .field(_, let header): ColumnFailure(column: header, reason: reason)
        case .constant: ColumnFailure(column: columns[index].rawValue, reason: reason + " (constant in the mapping)")
        case .absent: ColumnFailure(column: columns[index].rawValue, reason: reason)
        }
    }
}
