extension Migration {
    /// Migration 3: alerts outbox.
    static let alertsOutbox = Migration(
        version: 3,
        name: "alerts outbox",
        statements: [
            """
            CREATE TABLE alerts (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                idempotency_key text NOT NULL UNIQUE,
                route text NOT NULL,
                channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
                mode text NOT NULL CHECK (mode IN ('immediate', 'digest')),
                run_id bigint NOT NULL REFERENCES detector_runs (id),
                finding_ids bigint[] NOT NULL,
                state text NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'sending', 'delivered', 'retrying', 'dead')),
                attempts integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NOT NULL DEFAULT now(),
                last_error text,
                created_at timestamptz NOT NULL DEFAULT now(),
                sent_at timestamptz,
                delivered_at timestamptz
            )
            """,
            "CREATE INDEX alerts_due ON alerts (next_attempt_at) WHERE state IN ('pending', 'retrying')",
            """
            COMMENT ON TABLE alerts IS
                'Outbox: written in the detector run''s transaction, one row per (new finding, route) or per (run, digest route)'
            """,
        ]
    )
}
