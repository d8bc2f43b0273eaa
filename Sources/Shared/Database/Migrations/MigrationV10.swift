extension Migration {
    /// Migration 10: what the detector keeps from history so that a nightly run reads only what is new (issue 14):
    /// spend and lines per loaded batch and slice, and the batches the latest run analysed.
    static let detectorSummaries = Migration(
        version: 10,
        name: "detector per-batch slice totals and analysed batches",
        statements: [
            """
            CREATE TABLE detector_batch_totals (
                batch_id bigint NOT NULL,
                currency text NOT NULL,
                fiscal_year integer NOT NULL,
                period integer NOT NULL,
                dimension text CHECK (dimension IN ('directorate', 'cost_center', 'gl_account', 'supplier',
                                                    'functional_area')),
                member text NOT NULL,
                amount_cents bigint NOT NULL,
                lines bigint NOT NULL
            )
            """,
            "CREATE INDEX detector_batch_totals_batch ON detector_batch_totals (batch_id)",
            """
            COMMENT ON TABLE detector_batch_totals IS
                'Spend (cents) and lines of one loaded batch per currency, period and slice member (dimension NULL: the organisation), maintained by the detector from new batches; a replaced batch''s rows are deleted after the run that saw it go'
            """,
            """
            CREATE TABLE detector_seen_batches (
                batch_id bigint PRIMARY KEY,
                run_id bigint NOT NULL REFERENCES detector_runs (id) ON DELETE CASCADE
            )
            """,
            """
            COMMENT ON TABLE detector_seen_batches IS
                'The loaded batches the latest detector run analysed; the next run''s new batches are the others'
            """,
        ]
    )
}
