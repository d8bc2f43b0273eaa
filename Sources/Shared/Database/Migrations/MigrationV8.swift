extension Migration {
    /// Migration 8: a finding's attention score, which ranks findings of every kind together.
    static let findingAttention = Migration(
        version: 8,
        name: "finding attention score",
        statements: [
            "ALTER TABLE findings ADD COLUMN attention double precision",
            """
            COMMENT ON COLUMN findings.attention IS
                'log10(1 + money at stake / materiality) * (1 + unusualness) / 2, unusualness = percentile of score among the run''s candidates of its kind; ranks findings within a severity (NULL: stored before migration 8)'
            """,
        ]
    )
}
