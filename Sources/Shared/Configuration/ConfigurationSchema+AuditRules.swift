extension ConfigurationSchema {
    /// The keys of the duplicate payment rules and of Benford's populations (`detector.audit.*`, issue 11).
    static let auditRuleKeys: [Key] = [
        Key(
            name: "detector.audit.benford_per_supplier",
            defaultValue: "false",
            isSecret: false,
            summary: "true = also Benford-test each supplier (the ledger and account classes always are)"
        ),
        Key(
            name: "detector.audit.duplicate_run_gap",
            defaultValue: "100",
            isSecret: false,
            summary: "references at most this far apart in number are one run, not a duplicate"
        ),
        Key(
            name: "detector.audit.payment_run_suppliers",
            defaultValue: "5",
            isSecret: false,
            summary: "an amount paid to this many suppliers on one day is a payment run, not a duplicate"
        ),
        Key(
            name: "detector.audit.schedule_min_periods",
            defaultValue: "3",
            isSecret: false,
            summary: "an amount paid to one supplier in this many periods is a schedule, not a duplicate nor an outlier"
        ),
        Key(
            name: "detector.audit.placeholder_suppliers",
            defaultValue: "redacted, one-time, one time, sundry, miscellaneous, various",
            isSecret: false,
            summary: "supplier names containing one of these stand for many payees (comma-separated list)"
        ),
        Key(
            name: "detector.audit.split_round_unit",
            defaultValue: "1000.00",
            isSecret: false,
            summary: "parts of one invoice reference adding up to a multiple of this are a split invoice"
        ),
    ]
}
