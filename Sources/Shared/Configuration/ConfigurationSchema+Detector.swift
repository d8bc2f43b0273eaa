extension ConfigurationSchema {
    /// The keys of the `detector` section.
    static let detectorKeys: [Key] = [
        Key(
            name: "detector.passes",
            defaultValue: "statistical,isolation_forest,trend,root_cause,audit,completeness",
            isSecret: false,
            summary: "passes run by detect, in order (comma-separated list)"
        ),
        Key(
            name: "detector.materiality",
            defaultValue: "auto",
            isSecret: false,
            summary:
                "smallest amount worth a finding, a decimal in the ledger's currency; auto = 0.1 % of the median month's spend"
        ),
        Key(
            name: "detector.currency",
            defaultValue: "",
            isSecret: false,
            summary: "currency of lines without a company_code_currency_key; each currency is analysed on its own"
        ),
        Key(
            name: "detector.dashboard_dir",
            defaultValue: "",
            isSecret: false,
            summary: "also write each run's dashboard documents as JSON files here (empty = database only)"
        ),
        Key(
            name: "detector.keep_runs",
            defaultValue: "30",
            isSecret: false,
            summary: "dashboard documents of this many latest runs are kept (1-10000)"
        ),
        Key(
            name: "detector.statistical.threshold",
            defaultValue: "3.5",
            isSecret: false,
            summary: "robust z-score (log-magnitude, against the line's peers) above which a line is an outlier"
        ),
        Key(
            name: "detector.statistical.min_group_size",
            defaultValue: "30",
            isSecret: false,
            summary: "smaller groups use ledger-wide statistics in the scores reported beside the deciding one"
        ),
        Key(
            name: "detector.statistical.min_peer_lines",
            defaultValue: "5",
            isSecret: false,
            summary: "lines a GL account + supplier, else a GL account, needs to set its lines' usual amount"
        ),
        Key(
            name: "detector.statistical.prior_lines",
            defaultValue: "100",
            isSecret: false,
            summary: "weight, in lines, of the typical group spread in a small group's spread"
        ),
        Key(
            name: "detector.statistical.trivial_share",
            defaultValue: "0.05",
            isSecret: false,
            summary: "flagged lines with an excess over their usual amount below this share of materiality: no finding"
        ),
        Key(
            name: "detector.statistical.max_flag_share",
            defaultValue: "0.01",
            isSecret: false,
            summary: "at most this share of lines is flagged as outliers (0-1)"
        ),
        Key(
            name: "detector.statistical.max_findings",
            defaultValue: "400",
            isSecret: false,
            summary: "outlier findings per run, the largest multiple of the usual amount first (all flags: document)"
        ),
        Key(
            name: "detector.isolation_forest.trees",
            defaultValue: "100",
            isSecret: false,
            summary: "trees in the forest"
        ),
        Key(
            name: "detector.isolation_forest.subsample",
            defaultValue: "256",
            isSecret: false,
            summary: "lines per tree (ψ)"
        ),
        Key(
            name: "detector.isolation_forest.contamination",
            defaultValue: "0.05",
            isSecret: false,
            summary: "share of lines above the anomaly threshold (0-0.5)"
        ),
        Key(name: "detector.isolation_forest.seed", defaultValue: "42", isSecret: false, summary: "random seed"),
        Key(
            name: "detector.isolation_forest.max_findings",
            defaultValue: "50",
            isSecret: false,
            summary:
                "Isolation Forest findings per run, highest attention first (lines not already statistical outliers)"
        ),
        Key(
            name: "detector.trend.threshold",
            defaultValue: "0.30",
            isSecret: false,
            summary: "smallest month-over-month or year-over-year change flagged, as a share of |previous|"
        ),
        Key(
            name: "detector.trend.min_significance",
            defaultValue: "3.0",
            isSecret: false,
            summary: "smallest robust z-score of a change among the slice's own changes"
        ),
        Key(
            name: "detector.trend.max_findings",
            defaultValue: "100",
            isSecret: false,
            summary: "month-over-month, and year-over-year, findings per run, highest attention first"
        ),
        Key(
            name: "detector.root_cause.max_changes",
            defaultValue: "10",
            isSecret: false,
            summary: "flagged changes explained by root-cause analysis per run, largest first"
        ),
        Key(
            name: "detector.audit.duplicate_window_days",
            defaultValue: "3",
            isSecret: false,
            summary: "same supplier and amount within this many days is a possible duplicate"
        ),
        Key(
            name: "detector.audit.approval_limits",
            defaultValue: "50000000.00",
            isSecret: false,
            summary: "approval limits (decimals, comma-separated list) for the just-below-the-limit test"
        ),
        Key(
            name: "detector.audit.approval_band",
            defaultValue: "0.03",
            isSecret: false,
            summary: "\"just below\" means within this share under a limit"
        ),
        Key(
            name: "detector.audit.round_unit",
            defaultValue: "10000.00",
            isSecret: false,
            summary: "an amount that is a multiple of this is round"
        ),
        Key(
            name: "detector.audit.benford_min_lines",
            defaultValue: "1000",
            isSecret: false,
            summary: "populations (ledger, account class, supplier) with fewer amounts are not Benford-tested"
        ),
        Key(
            name: "detector.audit.holidays",
            defaultValue: "",
            isSecret: false,
            summary: "public holidays (YYYY-MM-DD, comma-separated list) counted like weekends"
        ),
        Key(
            name: "detector.completeness.min_share",
            defaultValue: "0.5",
            isSecret: false,
            summary:
                "a latest period with fewer lines or less money than this share of its usual level is incomplete; an earlier period with fewer lines is not compared in trends"
        ),
    ]
}
