/// finrca's database schema: the ordered migrations and the DDL for fiscal-year partitions.
///
/// Ownership (see ARCHITECTURE.md): the Ingestor writes `finance_expense`, `ingest_batches` and
/// `ingest_rejects`; later modules add their own tables in later migrations.
public enum Schema {
    /// Every migration, oldest first. Never edit an applied one; append a new one.
    public static let migrations: [Migration] = [
        Migration(version: 1, name: "ingest tables and partitioned finance_expense", statements: [
            """
            CREATE TABLE ingest_batches (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                file_name text NOT NULL,
                file_path text NOT NULL,
                file_size bigint NOT NULL,
                sha256 text,
                profile text NOT NULL,
                status text NOT NULL CHECK (status IN ('loading', 'loaded', 'rejected', 'duplicate', 'aborted', 'replaced')),
                rows_read bigint NOT NULL DEFAULT 0,
                rows_loaded bigint NOT NULL DEFAULT 0,
                rows_rejected bigint NOT NULL DEFAULT 0,
                blank_lines bigint NOT NULL DEFAULT 0,
                total_amount numeric(20,2),
                fiscal_years smallint[] NOT NULL DEFAULT '{}',
                message text,
                duplicate_of bigint REFERENCES ingest_batches (id),
                replaces bigint REFERENCES ingest_batches (id),
                started_at timestamptz NOT NULL DEFAULT now(),
                finished_at timestamptz
            )
            """,
            "CREATE UNIQUE INDEX ingest_batches_loaded_sha256 ON ingest_batches (sha256) WHERE status = 'loaded'",
            "CREATE INDEX ingest_batches_file_name ON ingest_batches (file_name, status)",
            """
            CREATE TABLE ingest_rejects (
                batch_id bigint NOT NULL REFERENCES ingest_batches (id) ON DELETE CASCADE,
                line bigint NOT NULL,
                column_name text,
                reason text NOT NULL,
                raw_line text NOT NULL,
                PRIMARY KEY (batch_id, line)
            )
            """,
            """
            CREATE TABLE finance_expense (
                posting_period smallint NOT NULL CHECK (posting_period BETWEEN 1 AND 16),
                ledger text,
                company_code text,
                company_code_currency_key text,
                company_code_currency_value numeric(15,2) NOT NULL,
                debit_credit_ind text NOT NULL CHECK (debit_credit_ind IN ('S', 'H')),
                account_type text,
                region text,
                profit_center_id text,
                profit_center_name text,
                cost_center_id text,
                cost_center_name text,
                directorate text,
                entity text,
                remapping_directorate text,
                functional_area text,
                functional_area_name text,
                general_ledger_account text,
                general_ledger_account_name text,
                general_ledger_fiscal_year smallint NOT NULL CHECK (general_ledger_fiscal_year BETWEEN 1900 AND 2999),
                fund text,
                supplier text,
                reference text,
                document_header_text text,
                po_description text,
                transaction text,
                level_1 text,
                level_7 text,
                status text,
                funds_center text,
                posting_date date,
                amount numeric(15,2) GENERATED ALWAYS AS (
                    CASE debit_credit_ind WHEN 'S' THEN company_code_currency_value
                                          WHEN 'H' THEN -company_code_currency_value END) STORED,
                batch_id bigint NOT NULL,
                source_line bigint NOT NULL
            ) PARTITION BY LIST (general_ledger_fiscal_year)
            """,
            """
            COMMENT ON COLUMN finance_expense.amount IS
                'Signed amount by the one rule: S (Soll, debit) = +value, H (Haben, credit) = -value'
            """,
        ]),
        Migration(version: 2, name: "detector runs, findings and dashboard documents", statements: [
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
        ]),
        Migration(version: 3, name: "alerts outbox", statements: [
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
        ]),
        Migration(version: 4, name: "API users, refresh tokens and chat", statements: [
            """
            CREATE TABLE api_users (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                username text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9._@-]{1,64}$'),
                password_hash text NOT NULL,
                disabled boolean NOT NULL DEFAULT false,
                created_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            """
            CREATE TABLE api_refresh_tokens (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                user_id bigint NOT NULL REFERENCES api_users (id) ON DELETE CASCADE,
                token_sha256 text NOT NULL UNIQUE,
                expires_at timestamptz NOT NULL,
                revoked_at timestamptz,
                created_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            "COMMENT ON TABLE api_refresh_tokens IS 'Refresh tokens, stored as SHA-256 of the token; revoked on logout, rotation or user disable'",
            """
            CREATE TABLE chat_rooms (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                user_id bigint NOT NULL REFERENCES api_users (id) ON DELETE CASCADE,
                title text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            "CREATE INDEX chat_rooms_user ON chat_rooms (user_id, updated_at DESC)",
            """
            CREATE TABLE chat_messages (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                room_id bigint NOT NULL REFERENCES chat_rooms (id) ON DELETE CASCADE,
                role text NOT NULL CHECK (role IN ('user', 'assistant')),
                content text NOT NULL,
                intent text,
                run_id bigint REFERENCES detector_runs (id) ON DELETE SET NULL,
                facts jsonb NOT NULL DEFAULT '[]',
                chart jsonb,
                created_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            "CREATE INDEX chat_messages_room ON chat_messages (room_id, id)",
        ]),
        Migration(version: 5, name: "alerts can be cancelled", statements: [
            """
            ALTER TABLE alerts DROP CONSTRAINT alerts_state_check, ADD CONSTRAINT alerts_state_check
                CHECK (state IN ('pending', 'sending', 'delivered', 'retrying', 'dead', 'cancelled'))
            """,
            """
            COMMENT ON COLUMN alerts.state IS
                'pending, sending, delivered, retrying, dead, or cancelled (every finding reviewed as expected or false alarm before delivery)'
            """,
        ]),
    ]

    /// The name of the partition holding `fiscalYear`, e.g. `finance_expense_y2024`.
    public static func partitionName(fiscalYear: Int) -> String {
        "finance_expense_y\(fiscalYear)"
    }

    /// DDL creating the partition of `fiscalYear` (without indexes: a load fills a new partition first and
    /// indexes it after COMMIT, which is several times faster than maintaining indexes row by row).
    ///
    /// - Precondition: `fiscalYear` is in 1900...2999 (the table's CHECK), so the name is a safe identifier.
    public static func createPartitionStatement(fiscalYear: Int) -> String {
        precondition((1900...2999).contains(fiscalYear), "fiscal year out of range")
        return "CREATE TABLE \(partitionName(fiscalYear: fiscalYear)) PARTITION OF finance_expense FOR VALUES IN (\(fiscalYear))"
    }

    /// The indexes of one partition, by name: the original system's indexes (functional area, cost centre,
    /// directorate, fiscal year + period, amount) plus a BRIN index on (batch_id, source_line), which finds a
    /// batch's rows (replace, evidence lines) at almost no cost because loads append batches in order.
    public static func partitionIndexes(fiscalYear: Int) -> [(name: String, statement: String)] {
        let table = partitionName(fiscalYear: fiscalYear)
        return [
            ("functional_area", "(functional_area)"),
            ("cost_center", "(cost_center_id)"),
            ("directorate", "(directorate)"),
            ("period", "(general_ledger_fiscal_year, posting_period)"),
            ("amount", "(amount)"),
            ("batch_line", "USING brin (batch_id, source_line)"),
        ].map { suffix, definition in
            ("\(table)_\(suffix)", "CREATE INDEX IF NOT EXISTS \(table)_\(suffix) ON \(table) \(definition)")
        }
    }
}
