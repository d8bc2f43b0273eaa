#!/usr/bin/env bash
# Findings on real ledgers nobody here wrote: loads every file of the UK council spend extracts in ../shared/data
# (Newcastle, Darlington) with their mapping profiles into a throwaway database each, runs one `finrca detect` over
# all history with the default configuration, and prints what a controller would get: findings per month of data
# (all, and high + critical), by kind and severity, duplicate findings whose lines carry distinct references that
# form a run, what the caps left out, and the 20 highest-ranked findings (severity, then attention score).
#
#   Benchmarks/council/run.sh [newcastle|darlington ...]     (default: both; FINRCA_BIN overrides the binary)
#   FINRCA_CONFIG=my.yaml Benchmarks/council/run.sh          (another configuration)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
source Benchmarks/bench-lib.sh

data="${FINRCA_SHARED_DATA:-../shared/data}"
ledgers=("$@")
[ ${#ledgers[@]} -gt 0 ] || ledgers=(newcastle darlington)
bench_setup council

for ledger in "${ledgers[@]}"; do
  source_dir="$data/uk_council_spend_$ledger/clean"
  [ -d "$source_dir" ] || die "$source_dir is missing (../shared/data holds the UK council extracts)"
  bench_database
  mkdir -p "$work/$ledger"
  for file in "$source_dir"/*.csv.gz; do
    name="$(basename "$file" .gz)"
    gzip -dc "$file" > "$work/$ledger/$name"
  done
  log "$ledger: ingesting $(ls "$work/$ledger" | wc -l) files"
  set +e
  "$finrca_bin" ingest --profile "$ledger" --json "$work/$ledger"/*.csv > "$work/$ledger-ingest.json"
  status=$?
  set -e
  [ "$status" -eq 0 ] || [ "$status" -eq 4 ] || die "$ledger: ingest exited $status"
  log "$ledger: detecting"
  /usr/bin/time -f "%e %M" -o "$work/$ledger-time" "$finrca_bin" detect --json > "$work/$ledger-detect.json"
  # One pass over the evidence lines joined to the ledger (a hash join), not a lookup per finding.
  "$bin/psql" "${admin[@]}" -d "$database" -X -q -A -t -c "
    WITH run AS (SELECT max(id) AS id FROM detector_runs),
         evidence AS (
           SELECT f.id, (e->>'batch_id')::int8 AS batch_id, (e->>'line')::int8 AS line
           FROM findings f, run, jsonb_array_elements(f.evidence) e WHERE f.last_run_id = run.id),
         refs AS (
           SELECT ev.id, json_agg(x.reference ORDER BY x.reference) AS refs
           FROM evidence ev JOIN finance_expense x ON x.batch_id = ev.batch_id AND x.source_line = ev.line
           GROUP BY ev.id)
    SELECT json_build_object(
      'months', (SELECT count(DISTINCT (general_ledger_fiscal_year, posting_period)) FROM finance_expense),
      'lines', (SELECT count(*) FROM finance_expense),
      'findings', (SELECT coalesce(json_agg(json_build_object(
          'id', f.id, 'kind', f.kind, 'severity', f.severity, 'score', f.score,
          'attention', to_jsonb(f)->'attention', 'period', f.period,
          'path', f.dimension_path, 'delta', f.delta, 'actual', f.actual, 'explanation', f.explanation,
          'details', f.details, 'references', refs.refs)), '[]')
        FROM findings f JOIN run ON f.last_run_id = run.id LEFT JOIN refs ON refs.id = f.id))" > "$work/$ledger-findings.json"
  python3 Benchmarks/council/summarise.py "$ledger" "$work/$ledger-findings.json" "$work/$ledger-time" \
    "$work/$ledger-detect.json"
done
