-- The queries finrca runs against finance_expense, as the product sends them (binds written as literals: postgres-nio
-- sends unnamed statements, so PostgreSQL plans each with its values). Run with psql -v from=YYYY -v ... (see run.sh).
\timing off
\pset pager off
SELECT id AS finding FROM findings ORDER BY jsonb_array_length(evidence) DESC, id LIMIT 1 \gset
SELECT max(id) AS last_batch FROM ingest_batches WHERE status = 'loaded' \gset
\echo '### D1 detector slice totals (GROUPING SETS over every line)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF)
SELECT coalesce(company_code_currency_key, ''), general_ledger_fiscal_year::int8, posting_period::int8,
       GROUPING("directorate", "cost_center_id", "general_ledger_account", "functional_area")::int8,
       coalesce(CASE WHEN GROUPING("directorate") = 0 THEN coalesce("directorate", '') END,
                CASE WHEN GROUPING("cost_center_id") = 0 THEN coalesce("cost_center_id", '') END,
                CASE WHEN GROUPING("general_ledger_account") = 0 THEN coalesce("general_ledger_account", '') END,
                CASE WHEN GROUPING("functional_area") = 0 THEN coalesce("functional_area", '') END, ''),
       (sum(amount) * 100)::int8, count(*)::int8
FROM finance_expense
GROUP BY GROUPING SETS ((coalesce(company_code_currency_key, ''), general_ledger_fiscal_year, posting_period),
  (coalesce(company_code_currency_key, ''), general_ledger_fiscal_year, posting_period, "directorate"),
  (coalesce(company_code_currency_key, ''), general_ledger_fiscal_year, posting_period, "cost_center_id"),
  (coalesce(company_code_currency_key, ''), general_ledger_fiscal_year, posting_period, "general_ledger_account"),
  (coalesce(company_code_currency_key, ''), general_ledger_fiscal_year, posting_period, "functional_area"));
\echo '### D2 detector lines (every line, ordered)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF)
SELECT batch_id, source_line, (amount * 100)::int8, general_ledger_fiscal_year, posting_period::int2,
       (posting_date - DATE '1970-01-01')::int4, "directorate", "cost_center_id", "general_ledger_account", "supplier",
       "functional_area", reference, account_type, coalesce(company_code_currency_key, '')
FROM finance_expense
ORDER BY general_ledger_fiscal_year, posting_period, batch_id, source_line;
\echo '### I1 load: stored totals of the batch (before COMMIT)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF)
SELECT general_ledger_fiscal_year::int8, count(*)::int8, sum(amount)::text
FROM finance_expense WHERE batch_id = :last_batch GROUP BY 1;
\echo '### I2 load --replace: delete the replaced batch (rolled back here)'
BEGIN;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) DELETE FROM finance_expense WHERE batch_id = :last_batch;
ROLLBACK;
\echo '### S1 API waterfall for two periods (GET /charts/rca-waterfall?from&to)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF)
SELECT coalesce("directorate", ''),
       (coalesce(sum(amount) FILTER (WHERE general_ledger_fiscal_year = :fy AND posting_period = :fp), 0) * 100)::int8,
       (coalesce(sum(amount) FILTER (WHERE general_ledger_fiscal_year = :ty AND posting_period = :tp), 0) * 100)::int8
FROM finance_expense
WHERE ((general_ledger_fiscal_year = :fy AND posting_period = :fp)
       OR (general_ledger_fiscal_year = :ty AND posting_period = :tp))
  AND coalesce(company_code_currency_key, '') = :'cur'
GROUP BY 1;
\echo '### S2 API evidence lines of the finding with the most evidence (GET /findings/{id}/lines?limit=1000), LATERAL'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF)
WITH evidence AS (
    SELECT (e.value->>'batch_id')::int8 AS batch_id, (e.value->>'line')::int8 AS line, e.value->'amount' AS amount,
           e.position
    FROM findings f, jsonb_array_elements(f.evidence) WITH ORDINALITY AS e (value, position)
    WHERE f.id = :finding ORDER BY e.position LIMIT 1000)
SELECT CASE WHEN x.batch_id IS NULL THEN ev.amount::text ELSE x.amount::text || b.file_name END
FROM evidence ev
LEFT JOIN LATERAL (
    SELECT * FROM finance_expense l WHERE l.batch_id = ev.batch_id AND l.source_line = ev.line LIMIT 1
) x ON true
LEFT JOIN ingest_batches b ON b.id = ev.batch_id
ORDER BY ev.position;
\echo '### S3 API explore bridge, no filter (GET /explore/bridge?from&to): lines selected in a subquery planned on its own'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF)
WITH filter AS (
    SELECT :fy::int4 AS from_year, :fp::int4 AS from_period, :ty::int4 AS to_year, :tp::int4 AS to_period,
           NULL::text AS directorate, NULL::text AS cost_center, NULL::text AS gl_account, NULL::text AS supplier,
           :'cur'::text AS currency)
SELECT CASE WHEN GROUPING(x."directorate") = 0 THEN 'directorate' WHEN GROUPING(x."cost_center_id") = 0 THEN 'cost_center'
            WHEN GROUPING(x."general_ledger_account") = 0 THEN 'gl_account' WHEN GROUPING(x."supplier") = 0 THEN 'supplier' ELSE '' END,
       CASE WHEN GROUPING(x."directorate") = 0 THEN coalesce(nullif(x."directorate", ''), '(none)')
            WHEN GROUPING(x."cost_center_id") = 0 THEN coalesce(nullif(x."cost_center_id", ''), '(none)')
            WHEN GROUPING(x."general_ledger_account") = 0 THEN coalesce(nullif(x."general_ledger_account", ''), '(none)')
            WHEN GROUPING(x."supplier") = 0 THEN coalesce(nullif(x."supplier", ''), '(none)') ELSE '' END,
       (coalesce(sum(x.amount) FILTER (WHERE x.in_from), 0) * 100)::int8,
       (coalesce(sum(x.amount) FILTER (WHERE x.in_to), 0) * 100)::int8,
       count(*) FILTER (WHERE x.in_from),
       count(*) FILTER (WHERE x.in_to)
FROM (SELECT x.amount, x."directorate", x."cost_center_id", x."general_ledger_account", x."supplier",
             x.general_ledger_fiscal_year = filter.from_year AND x.posting_period = filter.from_period AS in_from,
             x.general_ledger_fiscal_year = filter.to_year AND x.posting_period = filter.to_period AS in_to
      FROM finance_expense x, filter
      WHERE ((x.general_ledger_fiscal_year = filter.from_year AND x.posting_period = filter.from_period)
       OR (x.general_ledger_fiscal_year = filter.to_year AND x.posting_period = filter.to_period))
  AND coalesce(x.company_code_currency_key, '') = filter.currency
  AND (filter.directorate IS NULL OR coalesce(nullif(x."directorate", ''), '(none)') = filter.directorate)
  AND (filter.cost_center IS NULL OR coalesce(nullif(x."cost_center_id", ''), '(none)') = filter.cost_center)
  AND (filter.gl_account IS NULL OR coalesce(nullif(x."general_ledger_account", ''), '(none)') = filter.gl_account)
  AND (filter.supplier IS NULL OR coalesce(nullif(x."supplier", ''), '(none)') = filter.supplier)
      OFFSET 0) x
GROUP BY GROUPING SETS ((x."directorate"), (x."cost_center_id"), (x."general_ledger_account"), (x."supplier"), ());
\echo '### S4 API explore lines, one directorate, largest first (GET /explore/lines?from&to&directorate)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF)
WITH filter AS (
    SELECT :fy::int4 AS from_year, :fp::int4 AS from_period, :ty::int4 AS to_year, :tp::int4 AS to_period,
           (SELECT directorate FROM finance_expense_y2024 LIMIT 1)::text AS directorate, NULL::text AS cost_center,
           NULL::text AS gl_account, NULL::text AS supplier, :'cur'::text AS currency)
SELECT x.amount, b.file_name
FROM finance_expense x CROSS JOIN filter LEFT JOIN ingest_batches b ON b.id = x.batch_id
WHERE ((x.general_ledger_fiscal_year = filter.from_year AND x.posting_period = filter.from_period)
       OR (x.general_ledger_fiscal_year = filter.to_year AND x.posting_period = filter.to_period))
  AND coalesce(x.company_code_currency_key, '') = filter.currency
  AND (filter.directorate IS NULL OR coalesce(nullif(x."directorate", ''), '(none)') = filter.directorate)
  AND (filter.cost_center IS NULL OR coalesce(nullif(x."cost_center_id", ''), '(none)') = filter.cost_center)
  AND (filter.gl_account IS NULL OR coalesce(nullif(x."general_ledger_account", ''), '(none)') = filter.gl_account)
  AND (filter.supplier IS NULL OR coalesce(nullif(x."supplier", ''), '(none)') = filter.supplier)
ORDER BY abs(x.amount) DESC, x.batch_id, x.source_line
LIMIT 100;
