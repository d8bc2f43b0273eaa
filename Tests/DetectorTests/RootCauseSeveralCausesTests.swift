import Foundation
import Testing

@testable import Detector

@Suite("Root-cause search: several independent causes")
struct RootCauseSeveralCausesTests {
    private func element(_ text: String) -> RootCauseElement { RootCauseElement(squeezeForm: text)! }

    /// Region × product × channel, 1,000 expected per leaf, ±1 % noise; region south fell to 40 % and
    /// product p4 sold on the web to 20 % (a leaf in both follows south).
    private func twoCauseTable() throws -> RootCauseTable {
        let rows = RootCauseTestSupport.grid([
            ["north", "south", "east", "west"], ["p1", "p2", "p3", "p4", "p5"], ["web", "shop", "phone"],
        ])
        return try RootCauseTestSupport.table(
            ["region", "product", "channel"],
            rows.enumerated()
                .map { row, values in
                    let factor = values[0] == "south" ? 0.4 : values[1] == "p4" && values[2] == "web" ? 0.2 : 1
                    return (values, 1000 * factor * (1 + 0.001 * Double((row * 37) % 21 - 10)), 1000)
                }
        )
    }

    @Test("a fall in one region and another in one product on one channel are both reported, the stronger first")
    func twoCausesInDifferentCuboids() throws {
        let result = RootCauseSearch.search(try twoCauseTable())
        #expect(result.rootCauseSet == [element("region=south"), element("product=p4&channel=web")])
        #expect(result.squeezeForm == "region=south;product=p4&channel=web")
        #expect(result.ranked.prefix(2).allSatisfy { $0.isRootCause })
        #expect(result.ranked.dropFirst(2).allSatisfy { !$0.isRootCause })
    }

    @Test("switched off, the search reports the scan's cause only")
    func switchedOff() throws {
        let result = RootCauseSearch.search(
            try twoCauseTable(),
            configuration: RootCauseConfiguration(findsSeveralCauses: false)
        )
        #expect(result.rootCauseSet == [element("region=south")])
    }

    @Test("a derived measure keeps the single-cause search")
    func derivedMeasureKeepsScanOnly() throws {
        let table = try twoCauseTable()
        let ratio = try RootCauseTable(
            dimensions: table.dimensions,
            rows: (0..<table.rowCount)
                .map { row in table.dimensions.indices.map { table.value(row: row, dimension: $0) } },
            actual: table.actual,
            expected: table.expected,
            actualDenominator: Array(repeating: 2000, count: table.rowCount),
            expectedDenominator: Array(repeating: 2000, count: table.rowCount)
        )
        let result = RootCauseSearch.search(ratio)
        #expect(result.modelledQuantity == .numerator)
        #expect(result.rootCauseSet == [element("region=south")])
    }

    @Test("a rise elsewhere is not a further cause of a fall")
    func oppositeMovesAreNotCauses() throws {
        // South (10,000 per leaf) fell to 30 %; product p5 elsewhere (1,000 per leaf) quadrupled. The total fell
        // by about 78,000; p5's leaves are the more extreme deviations, but they offset the fall.
        let rows = RootCauseTestSupport.grid([
            ["north", "south", "east", "west"], ["p1", "p2", "p3", "p4", "p5"], ["web", "shop", "phone"],
        ])
        let table = try RootCauseTestSupport.table(
            ["region", "product", "channel"],
            rows.enumerated()
                .map { row, values in
                    let (expected, factor) =
                        values[0] == "south" ? (10_000.0, 0.3) : values[1] == "p5" ? (1000, 4) : (1000, 1)
                    return (values, expected * factor * (1 + 0.001 * Double((row * 37) % 21 - 10)), expected)
                }
        )
        #expect(RootCauseSearch.search(table).rootCauseSet == [element("region=south")])
    }

    @Test("noise-only changes after the causes add nothing; a change with no cause beyond the noise gives none")
    func noiseAlone() throws {
        let rows = RootCauseTestSupport.grid([["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4", "b5"]])
        let table = try RootCauseTestSupport.table(
            ["a", "b"],
            rows.enumerated().map { row, values in (values, 1000 * (1 + 0.001 * Double((row * 37) % 21 - 10)), 1000) }
        )
        #expect(RootCauseSearch.search(table).rootCauseSet.isEmpty)
    }

    @Test("the cut-off mirrors the (k+1)-th most extreme distinct deviation of the quieter side")
    func cutoff() {
        // Distinct deviations −0.5, −0.4, −0.01, 0.01, 0.02, 0.03: skipping one, the low side gives −0.4 and the
        // high side 0.02; the high side is quieter, so abnormal leaves lie below −0.02.
        #expect(RootCausePartitionSearch.cutoff([-0.5, -0.4, 0.01, 0.02, -0.01, 0.03, 0.02], skipping: 1) == -0.02)
        #expect(RootCausePartitionSearch.cutoff([-0.03, 0.6, 0.5, -0.02, 0.4, 0.01], skipping: 1) == 0.02)
        // Fewer distinct values than skipped: the extremes themselves (here the low side, 0 → −0, abnormal below).
        #expect(RootCausePartitionSearch.cutoff([0, -1], skipping: 5).sign == .minus)
    }
}
