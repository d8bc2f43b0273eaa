extension Migration {
    /// Migration 1: ingest tables and partitioned finance_expense.
    static let ingestTables = Migration(
        version: 1,
        name: "ingest tables and partitioned finance_expense",
        statements: [
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
        ]
    )
}
