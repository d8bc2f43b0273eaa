extension ConfigurationSchema {
    /// The keys of what is normal in accounting and of the ranking of findings (`detector.*`, issue 11).
    static let rankingKeys: [Key] = [
        Key(
            name: "detector.reversal_window_days",
            defaultValue: "31",
            isSecret: false,
            summary:
                "a line and its exact reversal (same GL account and supplier, opposite amount) this many days apart are one event, never outliers"
        ),
        Key(
            name: "detector.year_end_periods",
            defaultValue: "13,14,15,16",
            isSecret: false,
            summary:
                "year-end periods (comma-separated list): their lines and changes are judged against other year-ends only"
        ),
        Key(
            name: "detector.severity.critical_per_month",
            defaultValue: "0.25",
            isSecret: false,
            summary:
                "critical findings per month of data: the quantile of the attention score over the ledger's history where critical starts"
        ),
        Key(
            name: "detector.severity.high_per_month",
            defaultValue: "1.5",
            isSecret: false,
            summary: "high findings per month of data (the next quantile of the attention score)"
        ),
        Key(
            name: "detector.severity.medium_per_month",
            defaultValue: "4",
            isSecret: false,
            summary: "medium findings per month of data; the rest are low, or info below materiality"
        ),
        Key(
            name: "detector.max_findings_per_kind",
            defaultValue: "100",
            isSecret: false,
            summary:
                "findings per run of each kind without a cap of its own, highest attention first (the summary counts the rest)"
        ),
        Key(
            name: "detector.max_findings",
            defaultValue: "1000",
            isSecret: false,
            summary:
                "findings per run in all, highest attention first, after the caps per kind (the summary counts the rest)"
        ),
    ]
}
