import Foundation
import Testing

@testable import Detector

/// Semi-synthetic cases of the Squeeze B0 data set (NetManAIOps/Squeeze, MIT): 21,600 leaves, an additive
/// measure, one to three root-cause elements of one to three conditions each. Three cases are copied into
/// `Fixtures/squeeze`; the 108 training cases of `../shared/data/squeeze_B0_train` are used when present.
@Suite("Root-cause search on Squeeze B0 cases")
struct RootCauseSqueezeTests {
    @Test("a gzipped B0 case reads as an additive table of 21,600 leaves in four dimensions")
    func readsGzippedCase() throws {
        let cases = try RootCauseTestSupport.labelledCases(in: RootCauseTestSupport.squeezeFixtureDirectory)
        let table = try RootCauseCaseFile.read(path: try #require(cases.first).path)
        #expect(table.rowCount == 21_600)
        #expect(table.dimensions == ["a", "b", "c", "d"])
        #expect(!table.isDerived)
        #expect(table.dictionaries.map(\.count) == [6, 36, 10, 10])
    }

    @Test("a file that starts like gzip but does not inflate is refused with its path")
    func corruptGzip() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("finrca-corrupt-\(UUID()).csv.gz").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data([0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02])))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: RootCauseCaseFileError.corruptGzip(path)) { try RootCauseCaseFile.read(path: path) }
    }

    @Test("the fixture cases (two, three and three elements) are located exactly")
    func fixtureCases() throws {
        let cases = try RootCauseTestSupport.labelledCases(in: RootCauseTestSupport.squeezeFixtureDirectory)
        #expect(cases.count == 3)
        for labelled in cases {
            let result = RootCauseSearch.search(try RootCauseCaseFile.read(path: labelled.path))
            #expect(Set(result.rootCauseSet) == Set(labelled.label), "\(labelled.name): \(result.squeezeForm)")
            #expect(result.rootCauseSet.count == labelled.label.count, "\(labelled.name): \(result.squeezeForm)")
        }
    }

    @Test("with the partition search switched off only the strongest cause is reported")
    func singleCauseConfiguration() throws {
        let cases = try RootCauseTestSupport.labelledCases(in: RootCauseTestSupport.squeezeFixtureDirectory)
        let labelled = try #require(cases.first { $0.name.hasPrefix("B_cuboid_layer_2_n_ele_3") })
        let table = try RootCauseCaseFile.read(path: labelled.path)
        let result = RootCauseSearch.search(table, configuration: RootCauseConfiguration(findsSeveralCauses: false))
        #expect(result.squeezeForm == "a=a6&d=d3")
    }

    @Test(
        "micro F1 ≥ 0.95 over the 108 B0 training cases",
        .enabled(
            if: RootCauseTestSupport.squeezeAvailable,
            "../shared/data/squeeze_B0_train is absent: the B0 benchmark is skipped"
        )
    )
    func allTrainingCases() throws {
        let cases = try RootCauseTestSupport.squeezeCases(in: RootCauseTestSupport.squeezeDirectory)
        #expect(cases.count == 108)
        var bySetting: [String: [(tp: Int, fp: Int, fn: Int)]] = [:]
        for labelled in cases {
            let result = RootCauseSearch.search(try RootCauseCaseFile.read(path: labelled.path))
            let setting = String(labelled.name.prefix { $0 != "/" })
            bySetting[setting, default: []]
                .append(RootCauseTestSupport.counts(predicted: result.rootCauseSet, truth: labelled.label))
        }
        let f1 = RootCauseTestSupport.f1(bySetting.values.flatMap(\.self))
        let perSetting = bySetting.keys.sorted()
            .map { "\($0) \(String(format: "%.3f", RootCauseTestSupport.f1(bySetting[$0]!)))" }
        #expect(bySetting.count == 9)
        #expect(f1 >= 0.95, "micro F1 \(f1); \(perSetting.joined(separator: ", "))")
    }
}
