import Foundation
import Testing

@testable import Detector

@Suite("Root-cause search on hand-made tables")
struct RootCauseTests {
    /// A small deterministic wobble in −10…10, so that normal leaves are not exactly on their expectation.
    private func wobble(_ row: Int) -> Double { Double((row * 37) % 21 - 10) }

    private func element(_ text: String) -> RootCauseElement { RootCauseElement(squeezeForm: text)! }

    @Test("one dimension value that tripled is the whole root cause")
    func singleDimensionCause() throws {
        let rows = RootCauseTestSupport.grid([["north", "south", "east", "west"], ["p1", "p2", "p3"]])
        let table = try RootCauseTestSupport.table(
            ["region", "product"],
            rows.enumerated()
                .map { row, values in
                    (values, (values[0] == "south" ? 3000 : 1000) + wobble(row), 1000)
                }
        )
        let result = RootCauseSearch.search(table)
        #expect(result.rootCauseSet == [element("region=south")])
        #expect(result.squeezeForm == "region=south")
        #expect(result.modelledQuantity == .amount)
        let first = try #require(result.ranked.first)
        #expect(first.isRootCause)
        #expect(abs(first.explainedShare - 1) < 0.02)
    }

    @Test("a two-condition cause beats both of its one-condition parents")
    func twoDimensionCause() throws {
        let rows = RootCauseTestSupport.grid([["x", "w", "v"], ["y", "z", "u"], ["c1", "c2"]])
        let table = try RootCauseTestSupport.table(
            ["a", "b", "c"],
            rows.enumerated()
                .map { row, values in
                    (values, (values[0] == "x" && values[1] == "y" ? 1000 : 500) + wobble(row), 500)
                }
        )
        let result = RootCauseSearch.search(table)
        #expect(result.rootCauseSet == [element("a=x&b=y")])
        #expect(result.ranked.first?.element == element("b=y&a=x"))
        let ranked = result.ranked.map(\.element)
        let cause = try #require(ranked.firstIndex(of: element("a=x&b=y")))
        for parent in ["a=x", "b=y"] {
            let index = try #require(ranked.firstIndex(of: element(parent)))
            #expect(cause < index)
        }
    }

    @Test("a success rate that fell in one CDN: the failures are modelled and the CDN is found")
    func derivedMeasure() throws {
        let rows = RootCauseTestSupport.grid([["1", "2", "3"], ["d1", "d2", "d3"]])
        let successes = rows.enumerated().map { row, values in (values[0] == "2" ? 1600 : 1980) + wobble(row) }
        let table = try RootCauseTable(
            dimensions: ["cdn", "device"],
            rows: rows,
            actual: successes,
            expected: Array(repeating: 1980, count: rows.count),
            actualDenominator: Array(repeating: 2000, count: rows.count),
            expectedDenominator: Array(repeating: 2000, count: rows.count)
        )
        let result = RootCauseSearch.search(table)
        #expect(result.modelledQuantity == .complement)
        #expect(result.rootCauseSet == [element("cdn=2")])
    }

    @Test("no change gives the empty set")
    func noChange() throws {
        let rows = RootCauseTestSupport.grid([["a1", "a2", "a3"], ["b1", "b2"]])
        let table = try RootCauseTestSupport.table(
            ["a", "b"],
            rows.enumerated().map { row, values in (values, 100 + Double(row), 100 + Double(row)) }
        )
        let result = RootCauseSearch.search(table)
        #expect(result.rootCauseSet.isEmpty)
        #expect(result.squeezeForm == "")
        #expect(RootCauseReport.lines(result: result, table: table, top: 5).last == "")
    }

    @Test("a change within the noise of small counts gives the empty set")
    func changeWithinNoise() throws {
        let rows = RootCauseTestSupport.grid([["a1", "a2", "a3"], ["b1", "b2"]])
        let table = try RootCauseTestSupport.table(
            ["a", "b"],
            rows.enumerated().map { row, values in (values, row == 0 ? 3 : 2, 2) }
        )
        #expect(RootCauseSearch.search(table).rootCauseSet.isEmpty)
    }

    @Test("Squeeze form round trip; element equality ignores the order of conditions")
    func squeezeFormRoundTrip() throws {
        let text = "cdn=5&bitrate=500&p2p=0;isp=电信"
        let elements = try #require(RootCauseSqueezeForm.parse(text))
        #expect(elements.count == 2)
        #expect(
            elements[0].pairs == [
                RootCausePair(dimension: "cdn", value: "5"), RootCausePair(dimension: "bitrate", value: "500"),
                RootCausePair(dimension: "p2p", value: "0"),
            ]
        )
        #expect(RootCauseSqueezeForm.format(elements) == text)
        #expect(elements[0] == element("p2p=0&cdn=5&bitrate=500"))
        #expect(Set(elements).contains(element("bitrate=500&p2p=0&cdn=5")))
        #expect(RootCauseSqueezeForm.parse("") == [])
        #expect(RootCauseSqueezeForm.parse("a=1&a=2") == nil)
        #expect(RootCauseSqueezeForm.parse("a=1;b") == nil)
    }

    @Test("GL spend: an element that only restates another is reported at the hierarchy's upper level")
    func hierarchyChoosesAmongEquivalentElements() throws {
        // Children has a single cost centre, so directorate=Children and cost_center=C1 select the same rows.
        let structure = [("Adults", "A1"), ("Adults", "A2"), ("Children", "C1")]
        var rows: [[String]] = []
        var actual: [Double] = []
        for (directorate, costCentre) in structure {
            for supplier in ["s1", "s2", "s3"] {
                rows.append([supplier, costCentre, directorate])
                actual.append((costCentre == "C1" ? 15_000 : 10_000) + 20 * wobble(rows.count))
            }
        }
        let table = try RootCauseTable(
            dimensions: ["supplier", "cost_center", "directorate"],
            rows: rows,
            actual: actual,
            expected: Array(repeating: 10_000, count: rows.count)
        )
        let money = RootCauseConfiguration(pseudoCount: 100)
        #expect(RootCauseSearch.search(table, configuration: money).rootCauseSet == [element("cost_center=C1")])

        var withHierarchy = money
        withHierarchy.hierarchy = ["directorate", "cost_center", "supplier"]
        let result = RootCauseSearch.search(table, configuration: withHierarchy)
        #expect(result.rootCauseSet == [element("directorate=Children")])
        #expect(!result.ranked.contains { $0.element == element("cost_center=C1") })
        #expect(!result.ranked.contains { $0.element == element("directorate=Children&cost_center=C1") })
    }

    @Test("two values of one dimension that both failed are reported together")
    func siblingCauses() throws {
        let rows = RootCauseTestSupport.grid([["500", "1200", "2500", "4500"], ["C1", "C2", "C3"]])
        let table = try RootCauseTestSupport.table(
            ["bitrate", "device"],
            rows.enumerated()
                .map { row, values in
                    let factor = values[0] == "2500" ? 4.0 : values[0] == "500" ? 3.0 : 1.0
                    return (values, factor * 400 + wobble(row), 400)
                }
        )
        let result = RootCauseSearch.search(table)
        #expect(Set(result.rootCauseSet) == [element("bitrate=2500"), element("bitrate=500")])
        #expect(result.rootCauseSet.first == element("bitrate=2500"))
    }

    @Test("case CSV: fundamental layout, quoted fields, any column order")
    func caseFileParsing() throws {
        let text =
            "\u{FEFF}predict,\"isp\",real,bitrate\r\n10,\"China, Telecom\",12,500\r\n5,\"say \"\"hi\"\"\",5,2000\r\n"
        let table = try RootCauseCaseFile.parse(text)
        #expect(table.dimensions == ["isp", "bitrate"])
        #expect(!table.isDerived)
        #expect(table.actual == [12, 5])
        #expect(table.expected == [10, 5])
        #expect(table.value(row: 0, dimension: 0) == "China, Telecom")
        #expect(table.value(row: 1, dimension: 0) == "say \"hi\"")
        #expect(throws: RootCauseCaseFileError.missingColumn("predict")) {
            try RootCauseCaseFile.parse("real,a\n1,x\n")
        }
        #expect(throws: RootCauseCaseFileError.badNumber(row: 1, column: "real", text: "n/a")) {
            try RootCauseCaseFile.parse("real,predict,a\nn/a,1,x\n")
        }
    }
}
