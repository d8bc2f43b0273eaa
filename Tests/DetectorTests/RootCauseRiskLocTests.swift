import Foundation
import Testing

@testable import Detector

/// Real cases of the RiskLoc RS data set (shaido987/riskloc @ 08cd777c, MIT; data from RobustSpot), exported by
/// `../shared/data/riskloc_rs_cases`. Three small ones are copied into `Fixtures/rca` with their labels.
@Suite("Root-cause search on RiskLoc RS cases")
struct RootCauseRiskLocTests {
    @Test("the fixture cases are located exactly")
    func fixtureCases() throws {
        let cases = try RootCauseTestSupport.labelledCases(in: RootCauseTestSupport.fixtureDirectory)
        #expect(cases.count == 3)
        for labelled in cases {
            let table = try RootCauseCaseFile.read(path: labelled.path)
            #expect(table.isDerived)
            let result = RootCauseSearch.search(table)
            #expect(Set(result.rootCauseSet) == Set(labelled.label), "\(labelled.name)")
        }
    }

    @Test(
        "F1 ≥ 0.70 over all 135 cases",
        .enabled(
            if: RootCauseTestSupport.riskLocAvailable,
            "../shared/data/riskloc_rs_cases is absent: the full RS benchmark is skipped"
        )
    )
    func allCases() throws {
        let cases = try RootCauseTestSupport.labelledCases(in: RootCauseTestSupport.riskLocDirectory)
        #expect(cases.count == 135)
        let counts = try cases.map { labelled in
            let result = RootCauseSearch.search(try RootCauseCaseFile.read(path: labelled.path))
            return RootCauseTestSupport.counts(predicted: result.rootCauseSet, truth: labelled.label)
        }
        let f1 = RootCauseTestSupport.f1(counts)
        #expect(f1 >= 0.70, "F1 \(f1)")
    }
}
