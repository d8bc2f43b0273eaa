import Testing

@testable import Detector

@Suite("Audit: invoice references compared as auditors compare them")
struct AuditInvoiceReferenceTests {
    @Test(
        "normalised: upper case, letters and digits, prefixes before a digit and leading zeros removed",
        arguments: [
            ("INV-1234", "1234"), ("INV1234", "1234"), ("1234", "1234"), ("inv 001234", "1234"),
            ("Invoice No. 1234", "1234"), ("#0001234", "1234"), ("INSIGHT99", "INSIGHT99"), ("NOV2023", "NOV2023"),
            ("AB-77", "AB77"), ("INV-NO-88", nil), ("07", nil), ("  ", nil), ("0000", nil), ("ÄB-123", "B123"),
        ] as [(String, String?)]
    )
    func normalised(reference: String, expected: String?) {
        #expect(InvoiceReference.normalised(reference) == expected)
    }

    @Test(
        "stem: a part number after a separator or a part letter after a digit is removed first",
        arguments: [
            ("INV-1001-1", "1001"), ("INV-1001/12", "1001"), ("1001A", "1001"), ("1001b", "1001"),
            ("INV-1001", "1001"), ("INV-1001-123", "1001123"), ("2019 07", "2019"), ("ABCD", "ABCD"),
            ("INV-1001-2  ", "1001"), ("1001A ", "1001"), ("ÄB-123-4", "B123"), ("-1", nil), ("A", nil),
            ("Supplier invoice reference 000123456789-10", "SUPPLIERINVOICEREFERENCE000123456789"),
        ] as [(String, String?)]
    )
    func stem(reference: String, expected: String?) {
        #expect(InvoiceReference.stem(reference) == expected)
    }

    @Test("run key: the letters before the trailing number and the number")
    func runKey() {
        #expect(InvoiceReference.runKey("1900053954").map { [$0.prefix, String($0.number)] } == ["", "1900053954"])
        #expect(InvoiceReference.runKey("INV-000120").map { [$0.prefix, String($0.number)] } == ["", "120"])
        #expect(InvoiceReference.runKey("AB-77").map { [$0.prefix, String($0.number)] } == ["AB", "77"])
        #expect(InvoiceReference.runKey("INVX-5").map { [$0.prefix, String($0.number)] } == ["INVX", "5"])
        #expect(InvoiceReference.runKey("NO-INV-5").map { [$0.prefix, String($0.number)] } == ["", "5"])
        #expect(InvoiceReference.runKey("A1B-022").map { [$0.prefix, String($0.number)] } == ["A1B", "22"])
        #expect(InvoiceReference.runKey("REF-A") == nil)
        #expect(InvoiceReference.runKey("1234567890123456789") == nil)
    }
}
