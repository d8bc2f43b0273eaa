public import Shared

/// What a run's ranking did, for the run summary: the severity thresholds, the candidates the caps left out by
/// kind, and the lines the statistical pass left unflagged as normal accounting (reversals, schedules).
public struct RankingSummary: Sendable, Equatable {
    /// The severity thresholds (of the currency with the most lines, when there are several).
    public var calibration: SeverityCalibration
    /// Candidates left out by a cap, by kind (raw values).
    public var leftOut: [String: Int]
    /// Of those, the ones that would have been high or critical.
    public var leftOutHighOrCritical: Int
    /// Lines above the outlier threshold that are one of a line and its exact reversal.
    public var reversedLines: Int
    /// Lines above the outlier threshold that are payments of a schedule.
    public var scheduledLines: Int

    init(_ ranking: FindingRanking, reversed: Int, scheduled: Int) {
        calibration = ranking.calibration
        leftOut = Dictionary(uniqueKeysWithValues: ranking.leftOut.map { ($0.key.rawValue, $0.value) })
        leftOutHighOrCritical = ranking.leftOutHighOrCritical
        reversedLines = reversed
        scheduledLines = scheduled
    }

    /// The summaries of several currencies together: counts added, the first one's thresholds.
    static func combined(_ summaries: [RankingSummary]) -> RankingSummary? {
        guard var total = summaries.first else { return nil }
        for summary in summaries.dropFirst() {
            total.leftOut.merge(summary.leftOut, uniquingKeysWith: +)
            total.leftOutHighOrCritical += summary.leftOutHighOrCritical
            total.reversedLines += summary.reversedLines
            total.scheduledLines += summary.scheduledLines
        }
        return total
    }

    /// The run summary's fields: `left_out_by_kind`, `left_out_high_or_critical`, `severity_thresholds`
    /// (attention score where critical, high and medium start; null when no candidate reaches the level),
    /// `reversed_lines` and `scheduled_lines`.
    var fields: [(String, JSONValue)] {
        func threshold(_ value: Double) -> JSONValue { value.isFinite ? .double(value) : .null }
        return [
            ("left_out_by_kind", .object(leftOut.keys.sorted().map { ($0, .int(Int64(leftOut[$0]!))) })),
            ("left_out_high_or_critical", .int(Int64(leftOutHighOrCritical))),
            (
                "severity_thresholds",
                .object([
                    (Severity.critical.rawValue, threshold(calibration.critical)),
                    (Severity.high.rawValue, threshold(calibration.high)),
                    (Severity.medium.rawValue, threshold(calibration.medium)),
                ])
            ),
            ("reversed_lines", .int(Int64(reversedLines))),
            ("scheduled_lines", .int(Int64(scheduledLines))),
        ]
    }
}

extension DetectorConfiguration {
    /// The severity rates (`detector.severity.*_per_month`).
    var severityRates: SeverityCalibration.Rates {
        SeverityCalibration.Rates(
            critical: severityCriticalPerMonth,
            high: severityHighPerMonth,
            medium: severityMediumPerMonth
        )
    }

    /// The caps: the statistical, Isolation Forest and trend keys for their kinds, `max_findings_per_kind` for
    /// the others, `max_findings` for the run.
    var caps: FindingRanking.Caps {
        FindingRanking.Caps(
            perKind: [
                .statisticalOutlier: statisticalMaximumFindings, .isolationForest: forestMaximumFindings,
                .monthOverMonth: trendMaximumFindings, .yearOverYear: trendMaximumFindings,
            ],
            otherKinds: maximumFindingsPerKind,
            perRun: maximumFindings
        )
    }
}
