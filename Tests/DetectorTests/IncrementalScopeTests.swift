import Shared
import Testing

@testable import Detector

/// What an incremental run recomputes and reads, and how the caps share out carried and written findings.
@Suite("Incremental scope and carried findings")
struct IncrementalScopeTests {
    static func periods(_ year: Int, _ range: ClosedRange<Int>) -> Set<FiscalPeriod> {
        Set(range.map { FiscalPeriod(year: year, period: $0) })
    }

    @Test("a new month: it is affected, its base and the month a year earlier are read; nothing after it exists")
    func newMonth() {
        let present = Self.periods(2022, 1...12).union(Self.periods(2023, 1...12)).union(Self.periods(2024, 1...12))
        let december = FiscalPeriod(year: 2024, period: 12)
        let scope = IncrementalScope(changed: [december], present: present, latest: december)
        #expect(scope.affected == [december])
        #expect(
            scope.read == [december, FiscalPeriod(year: 2024, period: 11), FiscalPeriod(year: 2023, period: 12)]
        )
    }

    @Test("a replaced month in the past: the next month and the same month a year later are affected too")
    func replacedMonth() {
        let present = Self.periods(2023, 1...12).union(Self.periods(2024, 1...6))
        let changed = FiscalPeriod(year: 2023, period: 5)
        let scope = IncrementalScope(changed: [changed], present: present, latest: FiscalPeriod(year: 2024, period: 6))
        #expect(scope.affected == [changed, FiscalPeriod(year: 2023, period: 6), FiscalPeriod(year: 2024, period: 5)])
        // bases (2023-04, 2023-05, 2024-04; the year before 2023 holds nothing) and the latest two periods
        #expect(
            scope.read
                == scope.affected.union([
                    FiscalPeriod(year: 2023, period: 4), FiscalPeriod(year: 2024, period: 4),
                    FiscalPeriod(year: 2024, period: 6),
                ])
        )
        // period 12 and year-end periods hand over to period 1 of the next year
        #expect(IncrementalScope.next(FiscalPeriod(year: 2023, period: 12)) == FiscalPeriod(year: 2024, period: 1))
        #expect(IncrementalScope.next(FiscalPeriod(year: 2023, period: 14)) == FiscalPeriod(year: 2024, period: 1))
    }

    @Test("caps over carried and written findings: written ones stay, the lowest carried ones beyond a cap are out")
    func caps() {
        let caps = FindingRanking.Caps(perKind: [.monthOverMonth: 2], otherKinds: 3, perRun: 4)
        let carried: [CarriedFindings.Carried] = [
            .init(id: 1, kind: .monthOverMonth, attention: 0.9),
            .init(id: 2, kind: .monthOverMonth, attention: 0.5),
            .init(id: 3, kind: .monthOverMonth, attention: 0.7),
            .init(id: 4, kind: .benford, attention: 0.1),
            .init(id: 5, kind: .benford, attention: 0.2),
        ]
        // mom: the written finding takes one of two places, the carried 0.9 the other, 0.7 and 0.5 are out; the
        // run then holds three, and both carried Benford findings fit under the run's cap of four
        #expect(
            CarriedFindings.beyondCaps(carried: carried, written: [(.monthOverMonth, 0.8)], caps: caps) == [2, 3]
        )
        // the run's cap: two written statistical outliers above everything leave room for two carried findings
        let written: [(kind: FindingKind, attention: Double)] = [(.statisticalOutlier, 2), (.statisticalOutlier, 1.5)]
        #expect(CarriedFindings.beyondCaps(carried: carried, written: written, caps: caps) == [2, 4, 5])
    }
}
