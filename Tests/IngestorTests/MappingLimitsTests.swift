import Foundation
import Testing

@testable import Ingestor

/// Hostile mapping profiles are refused with a reason, never parsed at any cost.
@Suite("Mapping profiles: size and nesting limits")
struct MappingLimitsTests {
    static let valid = "name: tiny\ncolumns:\n  company_code_currency_value: Amount\n"

    @Test("a profile file over 1 MiB is refused before it is parsed, naming the file and the limit")
    func largeFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mapping-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let padding = "# " + String(repeating: "x", count: 1 << 20) + "\n"
        try Data((Self.valid + padding).utf8).write(to: folder.appendingPathComponent("huge.yaml"))
        #expect(
            throws: MappingError.self,
            performing: { try MappingProfile.load(nameOrPath: "huge", directory: folder.path) }
        )
        do {
            _ = try MappingProfile.load(nameOrPath: "huge", directory: folder.path)
        } catch let error as MappingError {
            #expect(
                error.description.hasSuffix(
                    "huge.yaml: is larger than 1 MiB; a mapping profile is a few KiB of YAML, so it is not read"
                )
            )
        }
        try Data(Self.valid.utf8).write(to: folder.appendingPathComponent("tiny.yaml"))
        #expect(try MappingProfile.load(nameOrPath: "tiny", directory: folder.path).name == "tiny")
    }

    @Test("text over 1 MiB is refused by parse as well")
    func largeText() {
        let text = Self.valid + "description: " + String(repeating: "y", count: 1 << 20) + "\n"
        #expect(throws: MappingError.self) { try MappingProfile.parse(yaml: text, source: "big") }
    }

    @Test(
        "deep nesting within 1 MiB (flow and block) is a YAML error, not a stack overflow",
        arguments: [
            "name: deep\ncolumns: " + String(repeating: "[", count: 400_000) + "\n",
            "name: deep\ncolumns: " + String(repeating: "{a: ", count: 200_000) + "\n",
            "name: deep\ndescription:\n" + String(repeating: "- ", count: 300_000) + "x\n",
        ]
    )
    func deepNesting(yaml: String) {
        #expect(yaml.utf8.count <= MappingProfile.maximumFileBytes)
        do {
            _ = try MappingProfile.parse(yaml: yaml, source: "deep.yaml")
            Issue.record("a profile nested 200,000 levels deep was accepted")
        } catch let error as MappingError {
            #expect(error.description.hasPrefix("mapping deep.yaml: "))
            #expect(error.reason.contains("nesting"), "\(error.reason)")
            #expect(error.reason.count < 500, "the offending line is left out: \(error.reason.prefix(600))")
        } catch {
            Issue.record("not a MappingError: \(error)")
        }
    }

    @Test("aliases that would expand to a billion strings are decoded without expanding them")
    func aliases() {
        var yaml =
            "name: laughs\nl0: &l0 [\"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\", \"ha\"]\n"
        for level in 1...9 {
            yaml +=
                "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        yaml += "columns: { company_code_currency_value: *l9 }\n"
        #expect(throws: MappingError.self) { try MappingProfile.parse(yaml: yaml, source: "laughs.yaml") }
    }
}
