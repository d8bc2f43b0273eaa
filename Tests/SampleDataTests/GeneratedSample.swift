import Foundation
import SampleData

/// The output of one generator run, read back from its temporary files (which are removed again).
struct GeneratedSample: Sendable {
    let csvBytes: [UInt8]
    let labelsJSON: Data
    /// The labels `write` returned.
    let labels: SampleLabels
    let table: CSVTable

    init(_ configuration: SampleGeneratorConfiguration) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("finrca-sample-\(UUID().uuidString)")
        let csvURL = base.appendingPathExtension("csv")
        let labelsURL = base.appendingPathExtension("json")
        defer {
            try? FileManager.default.removeItem(at: csvURL)
            try? FileManager.default.removeItem(at: labelsURL)
        }
        labels = try SampleGenerator(configuration: configuration)
            .write(csvPath: csvURL.path, labelsPath: labelsURL.path)
        csvBytes = try [UInt8](Data(contentsOf: csvURL))
        labelsJSON = try Data(contentsOf: labelsURL)
        table = try CSVTable(parsing: csvBytes)
    }

    init(rows: Int, seed: UInt64) throws {
        try self.init(SampleGeneratorConfiguration(rows: rows, seed: seed))
    }

    /// A realistic run shared by the tests that inspect anomalies; generated and parsed once per process.
    static let twentyThousandRows = Result { try GeneratedSample(rows: 20_000, seed: 20_240_707) }
}
