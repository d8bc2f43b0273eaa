/// Settings of `finrca detect`; the keys and defaults are listed in ``ConfigurationSchema`` and documented in
/// `config/finrca.example.yaml` (`detector.*`).
public struct DetectorConfiguration: Sendable {
    /// The passes a run can execute.
    public enum Pass: String, Sendable, CaseIterable {
        case statistical
        case isolationForest = "isolation_forest"
        case trend
        case rootCause = "root_cause"
        case audit
        case completeness
    }

    /// Passes to run.
    public var passes: [Pass] = Pass.allCases
    /// Smallest amount worth a finding in minor units; nil = 0.1 % of the median month's spend.
    public var materiality: Int64?
    /// Currency code for sentences; empty = taken from the data.
    public var currency = ""
    /// Folder to write dashboard JSON files to, if any.
    public var dashboardDirectory: String?
    /// Runs whose dashboard documents are kept.
    public var keepRuns = 30
    /// `detector.statistical.threshold`.
    public var statisticalThreshold = 3.5
    /// `detector.statistical.min_group_size`.
    public var statisticalMinimumGroupSize = 30
    /// `detector.statistical.min_peer_lines`.
    public var statisticalMinimumPeerLines = 5
    /// `detector.statistical.prior_lines`.
    public var statisticalPriorLines = 100.0
    /// `detector.statistical.trivial_share`.
    public var statisticalTrivialShare = 0.05
    /// `detector.statistical.max_flag_share`.
    public var statisticalMaximumFlagShare = 0.01
    /// `detector.statistical.max_findings`.
    public var statisticalMaximumFindings = 400
    /// `detector.isolation_forest.trees`.
    public var forestTrees = 100
    /// `detector.isolation_forest.subsample`.
    public var forestSubsample = 256
    /// `detector.isolation_forest.contamination`.
    public var forestContamination = 0.05
    /// `detector.isolation_forest.seed`.
    public var forestSeed: UInt64 = 42
    /// `detector.isolation_forest.max_findings`.
    public var forestMaximumFindings = 50
    /// `detector.trend.threshold`.
    public var trendThreshold = 0.30
    /// `detector.trend.min_significance`.
    public var trendMinimumSignificance = 3.0
    /// `detector.trend.max_findings`.
    public var trendMaximumFindings = 100
    /// `detector.root_cause.max_changes`.
    public var rootCauseMaximumChanges = 10
    /// `detector.audit.duplicate_window_days`.
    public var duplicateWindowDays = 3
    /// `detector.audit.approval_limits`, minor units.
    public var approvalLimits: [Int64] = [5_000_000_000]
    /// `detector.audit.approval_band`.
    public var approvalBand = 0.03
    /// `detector.audit.round_unit`, minor units.
    public var roundUnit: Int64 = 1_000_000
    /// `detector.audit.benford_min_lines`.
    public var benfordMinimumLines = 1_000
    /// `detector.audit.holidays`, as days since 1970-01-01.
    public var holidays: [Int32] = []
    /// `detector.completeness.min_share`.
    public var completenessMinimumShare = 0.5
    /// `detector.audit.duplicate_run_gap`.
    public var duplicateRunGap = 100
    /// `detector.audit.payment_run_suppliers`.
    public var paymentRunSuppliers = 5
    /// `detector.audit.schedule_min_periods`.
    public var scheduleMinimumPeriods = 3
    /// `detector.audit.placeholder_suppliers`.
    public var placeholderSuppliers = ["redacted", "one-time", "one time", "sundry", "miscellaneous", "various"]
    /// `detector.audit.split_round_unit`, minor units.
    public var splitRoundUnit: Int64 = 100_000
    /// `detector.audit.benford_per_supplier`.
    public var benfordPerSupplier = false
    /// `detector.reversal_window_days`.
    public var reversalWindowDays = 31
    /// `detector.year_end_periods`.
    public var yearEndPeriods: Set<Int> = [13, 14, 15, 16]
    /// `detector.severity.critical_per_month`.
    public var severityCriticalPerMonth = 0.25
    /// `detector.severity.high_per_month`.
    public var severityHighPerMonth = 1.5
    /// `detector.severity.medium_per_month`.
    public var severityMediumPerMonth = 4.0
    /// `detector.max_findings_per_kind`.
    public var maximumFindingsPerKind = 100
    /// `detector.max_findings`.
    public var maximumFindings = 1000

    /// Creates a configuration with the documented defaults.
    public init() {}

    /// Reads the `detector.*` keys.
    public init(reader: ConfigReader) throws {
        passes = try reader.list("detector.passes")
            .map { name in
                guard let pass = Pass(rawValue: name) else {
                    throw reader.error(
                        "detector.passes",
                        "unknown pass '\(name)'; passes are \(Pass.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                return pass
            }
        let materialityText = reader.string("detector.materiality") ?? "auto"
        if materialityText != "auto" {
            guard let money = Money(decimalText: materialityText), money.minorUnits >= 0 else {
                throw reader.error(
                    "detector.materiality",
                    "expected auto or a non-negative decimal amount, found '\(materialityText)'"
                )
            }
            materiality = money.minorUnits
        }
        currency = reader.string("detector.currency") ?? ""
        let directory = reader.string("detector.dashboard_dir") ?? ""
        dashboardDirectory = directory.isEmpty ? nil : directory
        keepRuns = try reader.int("detector.keep_runs", in: 1...10_000)
        statisticalThreshold = try reader.double("detector.statistical.threshold", in: 0.5...100)
        statisticalMinimumGroupSize = try reader.int("detector.statistical.min_group_size", in: 2...1_000_000)
        statisticalMinimumPeerLines = try reader.int("detector.statistical.min_peer_lines", in: 2...1_000_000)
        statisticalPriorLines = try reader.double("detector.statistical.prior_lines", in: 0...1_000_000)
        statisticalTrivialShare = try reader.double("detector.statistical.trivial_share", in: 0...1)
        statisticalMaximumFlagShare = try reader.double("detector.statistical.max_flag_share", in: 0...1)
        statisticalMaximumFindings = try reader.int("detector.statistical.max_findings", in: 0...100_000)
        forestTrees = try reader.int("detector.isolation_forest.trees", in: 1...10_000)
        forestSubsample = try reader.int("detector.isolation_forest.subsample", in: 2...1_000_000)
        forestContamination = try reader.double("detector.isolation_forest.contamination", in: 0...0.5)
        forestSeed = UInt64(try reader.int("detector.isolation_forest.seed", in: 0...Int.max))
        forestMaximumFindings = try reader.int("detector.isolation_forest.max_findings", in: 0...100_000)
        trendThreshold = try reader.double("detector.trend.threshold", in: 0...100)
        trendMinimumSignificance = try reader.double("detector.trend.min_significance", in: 0...1000)
        trendMaximumFindings = try reader.int("detector.trend.max_findings", in: 0...100_000)
        rootCauseMaximumChanges = try reader.int("detector.root_cause.max_changes", in: 0...1000)
        duplicateWindowDays = try reader.int("detector.audit.duplicate_window_days", in: 0...366)
        approvalLimits = try reader.list("detector.audit.approval_limits")
            .map { text in
                guard let money = Money(decimalText: text), money.minorUnits > 0 else {
                    throw reader.error("detector.audit.approval_limits", "'\(text)' is not a positive decimal amount")
                }
                return money.minorUnits
            }
        approvalBand = try reader.double("detector.audit.approval_band", in: 0.001...0.5)
        guard let round = Money(decimalText: reader.string("detector.audit.round_unit") ?? ""), round.minorUnits > 0
        else {
            throw reader.error("detector.audit.round_unit", "expected a positive decimal amount")
        }
        roundUnit = round.minorUnits
        benfordMinimumLines = try reader.int("detector.audit.benford_min_lines", in: 10...100_000_000)
        holidays = try reader.list("detector.audit.holidays")
            .map { text in
                guard let day = FiscalCalendar.daysSinceEpoch(isoDate: text) else {
                    throw reader.error("detector.audit.holidays", "'\(text)' is not a date YYYY-MM-DD")
                }
                return day
            }
        completenessMinimumShare = try reader.double("detector.completeness.min_share", in: 0...1)
        try readAuditRules(reader)
        try readRankingKeys(reader)
    }

    /// Reads the keys of the duplicate payment rules and of Benford's populations.
    private mutating func readAuditRules(_ reader: ConfigReader) throws {
        duplicateRunGap = try reader.int("detector.audit.duplicate_run_gap", in: 0...1_000_000_000)
        paymentRunSuppliers = try reader.int("detector.audit.payment_run_suppliers", in: 2...1_000_000)
        scheduleMinimumPeriods = try reader.int("detector.audit.schedule_min_periods", in: 2...1_000)
        placeholderSuppliers = reader.list("detector.audit.placeholder_suppliers")
        guard let split = Money(decimalText: reader.string("detector.audit.split_round_unit") ?? ""),
            split.minorUnits > 0
        else {
            throw reader.error("detector.audit.split_round_unit", "expected a positive decimal amount")
        }
        splitRoundUnit = split.minorUnits
        benfordPerSupplier = try reader.choice("detector.audit.benford_per_supplier", of: ["true", "false"]) == "true"
    }
}

/// Calendar arithmetic on days since 1970-01-01 (proleptic Gregorian), without Foundation's calendars.
public enum FiscalCalendar {
    /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int32 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Int32(era * 146_097 + dayOfEra - 719_468)
    }

    /// Days since 1970-01-01 of `YYYY-MM-DD`, or nil when it is not a valid date.
    public static func daysSinceEpoch(isoDate text: String) -> Int32? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        let day = daysSinceEpoch(year: parts[0], month: parts[1], day: parts[2])
        guard civilDate(day) == (parts[0], parts[1], parts[2]) else { return nil }
        return day
    }

    /// The civil date (year, month, day) of a day number.
    public static func civilDate(_ days: Int32) -> (Int, Int, Int) {
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
