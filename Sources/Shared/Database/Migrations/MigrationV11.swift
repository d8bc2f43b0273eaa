extension Migration {
    /// Migration 11: the ingest counts each batch's spend and lines per slice as it loads (issue 14), so that the
    /// detector's per-batch slice totals need no scan of the batch's lines.
    static let ingestSliceTotals = Migration(
        version: 11,
        name: "ingest per-batch slice totals",
        statements: [
            """
            CREATE TABLE ingest_batch_totals (
                batch_id bigint NOT NULL REFERENCES ingest_batches (id),
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
            "CREATE INDEX ingest_batch_totals_batch ON ingest_batch_totals (batch_id)",
            """
            COMMENT ON TABLE ingest_batch_totals IS
                'Spend (cents) and lines of one loaded batch per currency, period and slice member (dimension NULL: the batch''s total; NULL currency and members as empty text), counted while the file was read and written in the load''s transaction'
            """,
        ]
    )
}
