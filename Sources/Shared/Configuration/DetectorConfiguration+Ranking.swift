extension DetectorConfiguration {
    /// Reads the keys of what is normal in accounting (reversals) and of the ranking (issue 11, items 3 and 4).
    mutating func readRankingKeys(_ reader: ConfigReader) throws {
        reversalWindowDays = try reader.int("detector.reversal_window_days", in: 0...3_660)
        yearEndPeriods = Set(
            try reader.list("detector.year_end_periods")
                .map { text in
                    guard let period = Int(text), (1...16).contains(period) else {
                        throw reader.error("detector.year_end_periods", "'\(text)' is not a posting period 1-16")
                    }
                    return period
                }
        )
        severityCriticalPerMonth = try reader.double("detector.severity.critical_per_month", in: 0...1_000)
        severityHighPerMonth = try reader.double("detector.severity.high_per_month", in: 0...1_000)
        severityMediumPerMonth = try reader.double("detector.severity.medium_per_month", in: 0...1_000)
        maximumFindingsPerKind = try reader.int("detector.max_findings_per_kind", in: 0...100_000)
        maximumFindings = try reader.int("detector.max_findings", in: 0...1_000_000)
    }
}
