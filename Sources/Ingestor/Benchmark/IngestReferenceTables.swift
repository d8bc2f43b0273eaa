/// The tables `finrca bench ingest` loads with `psql \copy` as the reference for finrca's own load (psql scripts,
/// run in a throwaway benchmark database).
public enum IngestReferenceTables {
    /// A plain table of the 31 extract columns: no indexes, no partitions (the reference speed).
    public static let plainSQL = """
        DROP TABLE IF EXISTS bench_plain;
        CREATE TABLE bench_plain (
            posting_period smallint, ledger text, company_code text, company_code_currency_key text,
            company_code_currency_value numeric(15,2), debit_credit_ind text, account_type text, region text,
            profit_center_id text, profit_center_name text, cost_center_id text, cost_center_name text,
            directorate text, entity text, remapping_directorate text, functional_area text,
            functional_area_name text, general_ledger_account text, general_ledger_account_name text,
            general_ledger_fiscal_year smallint, fund text, supplier text, reference text,
            document_header_text text, po_description text, transaction text, level_1 text, level_7 text,
            status text, funds_center text, posting_date date);
        """

    /// The same partitioned, indexed shape as finance_expense, filled by a plain `\copy`: the naive way to
    /// load it, with every index maintained row by row.
    public static let partitionedIndexedSQL = """
        DROP TABLE IF EXISTS bench_indexed;
        CREATE TABLE bench_indexed (LIKE bench_plain,
            amount numeric(15,2) GENERATED ALWAYS AS (CASE debit_credit_ind WHEN 'S' THEN company_code_currency_value
                                                      WHEN 'H' THEN -company_code_currency_value END) STORED)
            PARTITION BY LIST (general_ledger_fiscal_year);
        CREATE TABLE bench_indexed_2022 PARTITION OF bench_indexed FOR VALUES IN (2022);
        CREATE TABLE bench_indexed_2023 PARTITION OF bench_indexed FOR VALUES IN (2023);
        CREATE TABLE bench_indexed_2024 PARTITION OF bench_indexed FOR VALUES IN (2024);
        CREATE INDEX ON bench_indexed (functional_area);
        CREATE INDEX ON bench_indexed (cost_center_id);
        CREATE INDEX ON bench_indexed (directorate);
        CREATE INDEX ON bench_indexed (general_ledger_fiscal_year, posting_period);
        CREATE INDEX ON bench_indexed (amount);
        """
}
