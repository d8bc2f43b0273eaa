extension Migration {
    /// Migration 2: detector runs, findings and dashboard documents.
    static let detectorTables = Migration(
        version: 2,
        name: "detector runs, findings and dashboard documents",
        statements: [
            """
            CREATE TABLE detector_runs (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                started_at timestamptz NOT NULL,
                finished_at timestamptz NOT NULL DEFAULT now(),
                latest_period text,
                passes text[] NOT NULL,
                rows_scanned bigint NOT NULL,
                findings_total integer NOT NULL,
                findings_new integer NOT NULL,
                provisional boolean NOT NULL DEFAULT false,
                currency text NOT NULL DEFAULT '',
                summary jsonb NOT NULL
            )
            """,
            """
            COMMENT ON TABLE detector_runs IS
                'One row per detector run that committed; a failed or interrupted run leaves no row and no results'
            """,
            """
            CREATE TABLE findings (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                fingerprint text NOT NULL UNIQUE,
                kind text NOT NULL,
                severity text NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
                score double precision NOT NULL,
                period text,
                dimensions jsonb NOT NULL,
                dimension_path text NOT NULL,
                actual numeric(20,2),
                expected numeric(20,2),
                delta numeric(20,2),
                currency text NOT NULL DEFAULT '',
                explanation text NOT NULL,
                evidence jsonb NOT NULL,
                details jsonb NOT NULL,
                provisional boolean NOT NULL DEFAULT false,
                first_run_id bigint NOT NULL REFERENCES detector_runs (id),
                last_run_id bigint NOT NULL REFERENCES detector_runs (id),
                first_seen timestamptz NOT NULL DEFAULT now(),
                last_seen timestamptz NOT NULL DEFAULT now(),
                times_seen integer NOT NULL DEFAULT 1,
                review_status text NOT NULL DEFAULT 'open'
                    CHECK (review_status IN ('open', 'confirmed', 'expected', 'false_alarm')),
                reviewed_by text,
                reviewed_at timestamptz,
                review_note text
            )
            """,
            "CREATE INDEX findings_last_run ON findings (last_run_id, kind)",
            "CREATE INDEX findings_period ON findings (period)",
            """
            CREATE TABLE dashboard_documents (
                run_id bigint NOT NULL REFERENCES detector_runs (id) ON DELETE CASCADE,
                name text NOT NULL,
                schema text NOT NULL,
                document jsonb NOT NULL,
                PRIMARY KEY (run_id, name)
            )
            """,
        ]
    )
}
