import Foundation
import Testing

@testable import Shared

@Suite("Money and the debit/credit rule")
struct MoneyTests {
    @Test("decimal text round trip", arguments: ["0.00", "0.05", "-0.05", "1234.50", "-9999999999999.99"])
    func roundTrip(text: String) throws {
        let money = try #require(Money(decimalText: text))
        #expect(money.description == text)
    }

    @Test("short forms as PostgreSQL prints NUMERIC")
    func shortForms() {
        #expect(Money(decimalText: "12")?.minorUnits == 1200)
        #expect(Money(decimalText: "12.5")?.minorUnits == 1250)
        #expect(Money(decimalText: "1.234") == nil)
        #expect(Money(decimalText: "1e3") == nil)
        #expect(Money(decimalText: "") == nil)
    }

    @Test("sums up to Int64 minor units are read; beyond that nil, never a trap")
    func largeSums() {
        #expect(Money(decimalText: "92233720368547758.07")?.minorUnits == .max)
        #expect(Money(decimalText: "-92233720368547758.07")?.minorUnits == -.max)
        #expect(Money(decimalText: "92233720368547758.08") == nil)
        #expect(Money(decimalText: "99999999999999999.99") == nil)
        #expect(Money(decimalText: "120000000000000000.00") == nil)
    }

    @Test("JSON carries exact decimal strings")
    func json() throws {
        let data = try JSONEncoder().encode(["total": Money(minorUnits: -123_456_789)])
        #expect(String(decoding: data, as: UTF8.self) == #"{"total":"-1234567.89"}"#)
        #expect(try JSONDecoder().decode([String: Money].self, from: data)["total"]?.minorUnits == -123_456_789)
    }

    @Test("S is +value, H is -value, nothing else is an indicator")
    func debitCredit() {
        #expect(DebitCredit(byte: UInt8(ascii: "S"))?.signedAmount(value: 500) == 500)
        #expect(DebitCredit(byte: UInt8(ascii: "H"))?.signedAmount(value: 500) == -500)
        #expect(DebitCredit(byte: UInt8(ascii: "h")) == .credit)
        #expect(DebitCredit(byte: UInt8(ascii: "D")) == nil)
        #expect(DebitCredit(byte: UInt8(ascii: "C")) == nil)
    }
}
