import Foundation
import Testing

@testable import Ingestor

/// The inputs the fuzzer (`Benchmarks/fuzz/run.sh`) found crashing or breaking an invariant, kept as fixtures:
/// `Fixtures/fuzz/NAME.input` (the fuzzer's bytes: profile byte, piece-size byte, file) and `NAME.expected` (what
/// must come of it now: rows accepted and rejected with line, column and reason, or the file error).
///
/// A new `.input` without `.expected` fails with the outcome it gives; run the suite once with
/// `FINRCA_RECORD_FUZZ_EXPECTATIONS=1` to write it, then read it before committing.
@Suite("Fuzzer findings stay fixed")
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz")

    static var inputs: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".input") }.map { String($0.dropLast(".input".count)) }.sorted()
    }

    @Test("every fixture is rejected or refused as recorded, with every invariant holding", arguments: inputs)
    func fixture(name: String) throws {
        let input = try Data(contentsOf: Self.folder.appendingPathComponent(name + ".input"))
        let result = FuzzCase(Array(input))
        #expect(result.violations.isEmpty, "\(result.violations)")
        let expectedFile = Self.folder.appendingPathComponent(name + ".expected")
        if ProcessInfo.processInfo.environment["FINRCA_RECORD_FUZZ_EXPECTATIONS"] == "1" {
            try Data((result.outcome + "\n").utf8).write(to: expectedFile)
        }
        guard let expected = try? String(contentsOf: expectedFile, encoding: .utf8) else {
            Issue.record("\(name).expected is missing; this input now gives:\n\(result.outcome)")
            return
        }
        #expect(result.outcome + "\n" == expected)
    }

    @Test("the fixtures folder holds the issue's two crashing inputs at least")
    func fixturesPresent() {
        #expect(Self.inputs.contains("overflowing-control-total"))
        #expect(Self.inputs.contains("date-before-1900-fiscal-year"))
    }
}
