import Testing

@testable import Ingestor

@Suite("Field parsers: amounts, dates, integers")
struct FieldParserTests {
    static func amount(_ text: String, _ format: NumberFormat = .point) -> Result<Int64, FieldError> {
        Array(text.utf8)
            .withUnsafeBufferPointer { bytes in
                Result { () throws(FieldError) in try FieldParsers.amount(bytes, format: format) }
            }
    }

    @Test(
        "amounts in minor units",
        arguments: [
            ("0", Int64(0)), ("1", 100), ("1.5", 150), ("1.05", 105), ("-1.05", -105), ("+7", 700),
            ("1,234.56", 123_456), ("(12.00)", -1200), ("12.00-", -1200), ("  £ 3.10 ", 310), ("$1,000", 100_000),
            ("€2", 200), (".5", 50), ("1.230", 123), ("9999999999999.99", 999_999_999_999_999),
        ]
    )
    func amounts(text: String, minorUnits: Int64) {
        #expect(Self.amount(text) == .success(minorUnits))
    }

    @Test("decimal comma")
    func decimalComma() {
        #expect(Self.amount("1.234,56", .comma) == .success(123_456))
        #expect(Self.amount("-0,5", .comma) == .success(-50))
        #expect(
            Self.amount("1 234,56", NumberFormat(decimalSeparator: UInt8(ascii: ","), thousandsSeparator: 0x20))
                == .success(123_456)
        )
    }

    @Test(
        "refused amounts name the reason",
        arguments: [
            ("", "empty"), ("abc", "not an amount"), ("1.234", "more than 2 decimal places"), ("1e5", "scientific"),
            ("12,34", "grouping"), ("1,2345", "grouping"), ("--1", "not an amount"), ("(-1)", "two minus"),
            ("12345678901234", "too large"), ("-", "no digits"), ("1.2.3", "not an amount"),
        ]
    )
    func refused(text: String, reason: String) {
        guard case .failure(let error) = Self.amount(text) else {
            Issue.record("'\(text)' was accepted")
            return
        }
        #expect(error.reason.contains(reason), "\(text): \(error.reason)")
    }

    static func date(_ text: String, _ format: DateFormat) -> Result<CivilDate?, FieldError> {
        Array(text.utf8)
            .withUnsafeBufferPointer { bytes in
                Result { () throws(FieldError) in try FieldParsers.date(bytes, format: format) }
            }
    }

    @Test("dates in every supported format")
    func dates() {
        let july = CivilDate(year: 2024, month: 7, day: 5)
        #expect(Self.date("2024-07-05", .isoDate) == .success(july))
        #expect(Self.date("2024-7-5", .isoDate) == .success(july))
        #expect(Self.date("2024-07-05T10:11:12", .isoDate) == .success(july))
        #expect(Self.date("05.07.2024", .dayMonthYearDots) == .success(july))
        #expect(Self.date("5/7/2024", .dayMonthYearSlashes) == .success(july))
        #expect(Self.date("7/5/2024", .monthDayYearSlashes) == .success(july))
        #expect(Self.date("20240705", .compact) == .success(july))
        #expect(Self.date("00000000", .compact) == .success(nil))
        #expect(Self.date("", .isoDate) == .success(nil))
        #expect(Self.date("2023-02-29", .isoDate) == .failure(FieldError("not a valid calendar date")))
        #expect(Self.date("2000-02-29", .isoDate) == .success(CivilDate(year: 2000, month: 2, day: 29)))
        #expect(Self.date("1900-02-29", .isoDate) == .failure(FieldError("not a valid calendar date")))
        #expect(Self.date("05/07/24", .dayMonthYearSlashes) == .failure(FieldError("not a date in format DD/MM/YYYY")))
        #expect(Self.date("2024-13-01", .isoDate) == .failure(FieldError("not a valid calendar date")))
        let format = FieldError("not a date in format YYYY-MM-DD")
        #expect(Self.date("2024-07-99999999999999999999", .isoDate) == .failure(format))
        #expect(Self.date("99999999999999999999-07-01", .isoDate) == .failure(format))
        #expect(Self.date("1.1.20240", .dayMonthYearDots) == .failure(FieldError("not a date in format DD.MM.YYYY")))
    }
}
