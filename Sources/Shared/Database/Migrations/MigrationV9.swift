extension Migration {
    /// Migration 9: each local partition of `finance_expense` keeps one BRIN index over (batch_id, source_line,
    /// posting_period) instead of the original schema's five btrees and the (batch_id, source_line) BRIN, which no
    /// query the product runs needed (NOTES.md, issue 14). Partitions created later get the index from the load.
    static let partitionBRINIndex = Migration(
        version: 9,
        name: "one BRIN index per finance_expense partition",
        statements: [
            """
            DO $$
            DECLARE
                partition text;
            BEGIN
                FOR partition IN
                    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = 'finance_expense'::regclass AND c.relkind = 'r'
                LOOP
                    EXECUTE format('DROP INDEX IF EXISTS %I, %I, %I, %I, %I, %I',
                        partition || '_functional_area', partition || '_cost_center', partition || '_directorate',
                        partition || '_period', partition || '_amount', partition || '_batch_line');
                    EXECUTE format(
                        'CREATE INDEX IF NOT EXISTS %I ON %I USING brin (batch_id, source_line, posting_period) '
                        'WITH (pages_per_range = 16)',
                        partition || '_brin', partition);
                END LOOP;
            END
            $$
            """
        ]
    )
}
