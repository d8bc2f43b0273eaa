import Foundation
import Testing

@testable import Detector

/// Helpers shared by the root-cause tests: table builders, labelled case lists and the RiskLoc F1.
enum RootCauseTestSupport {
    /// A fundamental-measure table from `(values, actual, expected)` rows.
    static func table(_ dimensions: [String], _ rows: [([String], Double, Double)]) throws -> RootCauseTable {
        try RootCauseTable(
            dimensions: dimensions,
            rows: rows.map(\.0),
            actual: rows.map(\.1),
            expected: rows.map(\.2)
        )
    }

    /// Every combination of the given dimension values (first dimension varying slowest).
    static func grid(_ values: [[String]]) -> [[String]] {
        values.reduce([[]]) { partial, dimensionValues in
            partial.flatMap { prefix in dimensionValues.map { prefix + [$0] } }
        }
    }

    /// The directory of the small RS fixtures.
    static let fixtureDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/rca")

    /// The full RiskLoc RS case set, `../shared/data/riskloc_rs_cases` next to the package.
    static let riskLocDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data/riskloc_rs_cases")

    /// True when the full RS case set is present.
    static var riskLocAvailable: Bool {
        FileManager.default.fileExists(atPath: riskLocDirectory.appendingPathComponent("labels.csv").path)
    }

    /// The small Squeeze B0 fixtures (gzipped, with `labels.csv`).
    static let squeezeFixtureDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/squeeze")

    /// The Squeeze B0 training cases, `../shared/data/squeeze_B0_train/B0` next to the package: one folder per
    /// setting with `injection_info.csv` and `<timestamp>.csv.gz`.
    static let squeezeDirectory = riskLocDirectory.deletingLastPathComponent()
        .appendingPathComponent("squeeze_B0_train/B0")

    /// True when the Squeeze B0 training cases are present.
    static var squeezeAvailable: Bool {
        FileManager.default.fileExists(
            atPath: squeezeDirectory.appendingPathComponent("B_cuboid_layer_1_n_ele_1/injection_info.csv").path
        )
    }

    /// The B0 cases under `directory`, named `<setting>/<timestamp>`, settings and timestamps in order.
    static func squeezeCases(in directory: URL) throws -> [LabelledCase] {
        let settings = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        return try settings.flatMap { setting -> [LabelledCase] in
            let folder = directory.appendingPathComponent(setting)
            let info = folder.appendingPathComponent("injection_info.csv")
            guard FileManager.default.fileExists(atPath: info.path) else { return [] }
            let records = RootCauseCSV.records(in: try String(contentsOf: info, encoding: .utf8))
            let header = try #require(records.first)
            let set = try #require(header.firstIndex(of: "set"))
            let timestamp = try #require(header.firstIndex(of: "timestamp"))
            return records.dropFirst().sorted { $0[timestamp] < $1[timestamp] }
                .map { record in
                    LabelledCase(
                        name: "\(setting)/\(record[timestamp])",
                        path: folder.appendingPathComponent("\(record[timestamp]).csv.gz").path,
                        label: RootCauseSqueezeForm.parse(record[set]) ?? []
                    )
                }
        }
    }

    /// One labelled case.
    struct LabelledCase {
        /// Case name.
        var name: String
        /// Absolute path of the case CSV.
        var path: String
        /// The true root-cause set.
        var label: [RootCauseElement]
    }

    /// The cases listed in `directory/labels.csv` (`case,file,derived,label`, `file` relative to `directory`).
    static func labelledCases(in directory: URL) throws -> [LabelledCase] {
        let text = try String(contentsOf: directory.appendingPathComponent("labels.csv"), encoding: .utf8)
        return RootCauseCSV.records(in: text).dropFirst()
            .map { record in
                LabelledCase(
                    name: record[0],
                    path: directory.appendingPathComponent(record[1]).path,
                    label: RootCauseSqueezeForm.parse(record[3]) ?? []
                )
            }
    }

    /// True positives, false positives and false negatives of one predicted set against the truth.
    static func counts(predicted: [RootCauseElement], truth: [RootCauseElement]) -> (tp: Int, fp: Int, fn: Int) {
        let predictedSet = Set(predicted)
        let truthSet = Set(truth)
        let tp = predictedSet.intersection(truthSet).count
        return (tp, predictedSet.count - tp, truthSet.count - tp)
    }

    /// RiskLoc's F1 over summed counts: 2·TP / (2·TP + FP + FN).
    static func f1(_ counts: [(tp: Int, fp: Int, fn: Int)]) -> Double {
        let tp = counts.map(\.tp).reduce(0, +)
        let fp = counts.map(\.fp).reduce(0, +)
        let fn = counts.map(\.fn).reduce(0, +)
        return tp + fp + fn == 0 ? 1 : Double(2 * tp) / Double(2 * tp + fp + fn)
    }
}
