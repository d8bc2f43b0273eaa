import Shared
import Testing

@testable import Ingestor

/// Fiscal year and period taken from a file's name, for extracts whose rows carry none.
@Suite("Periods from the file name")
struct FilePeriodTests {
    static let pattern = #"(?<year>\d{4})[-_ ]?P(?<period>\d{1,2})"#

    static func settings(_ pattern: String? = FilePeriodTests.pattern) throws -> ResolvedSettings {
        try ResolvedSettings(profile: MappingProfile(name: "council", periodFromFileName: pattern), source: "council")
    }

    @Test("the year and period groups of the pattern, matched against the name without its folder")
    func matches() throws {
        let settings = try Self.settings()
        #expect(
            try settings.period(fromFileName: "/inbox/spend-2019-P13.csv", mapping: "council")
                == FiscalPeriod(year: 2019, period: 13)
        )
        #expect(
            try settings.period(fromFileName: "2021_P1 payments.csv", mapping: "council")
                == FiscalPeriod(year: 2021, period: 1)
        )
        #expect(try Self.settings(nil).period(fromFileName: "2021_P1.csv", mapping: "council") == nil)
    }

    @Test("a name that does not match, or names period 17, is a mapping error naming the file and the pattern")
    func refusals() throws {
        let settings = try Self.settings()
        #expect(throws: MappingError.self) { try settings.period(fromFileName: "/inbox/march.csv", mapping: "council") }
        do {
            _ = try settings.period(fromFileName: "/inbox/2019-P17.csv", mapping: "council")
            Issue.record("period 17 accepted")
        } catch let error as MappingError {
            #expect(error.source == "/inbox/2019-P17.csv" && error.reason.contains("period 17"))
        }
    }

    @Test("a pattern without both named groups is refused when the profile is read")
    func badPattern() {
        #expect(throws: MappingError.self) { try Self.settings(#"(\d{4})-(\d{2})"#) }
        #expect(throws: MappingError.self) { try Self.settings(#"(?<year>\d{4"#) }
    }
}
