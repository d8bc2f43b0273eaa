#!/usr/bin/env bash
# Recall and precision of the duplicate payment test on labelled ledgers built by generate.py (a generator of its
# own, not finrca's demo): injected exact, re-keyed, fuzzy-reference and late duplicates and split invoices among
# payment runs, grant programmes, schedules, price lists, allocations, reversals and a redacted payee.
#
#   Benchmarks/duplicates/run.sh [SEED:SCHEME ...]      (default: 1:internal 2:supplier; 2:supplier is held out)
#
# Each ledger is loaded with the Newcastle profile into a throwaway database, detected once with the default
# configuration plus an approval limit of 10,000.00 (config.yaml here), and scored by score.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
source Benchmarks/bench-lib.sh

ledgers=("$@")
[ ${#ledgers[@]} -gt 0 ] || ledgers=(1:internal 2:supplier)
bench_setup duplicates
export FINRCA_CONFIG="Benchmarks/duplicates/config.yaml"

for ledger in "${ledgers[@]}"; do
  seed="${ledger%%:*}"
  scheme="${ledger##*:}"
  bench_database
  out="$work/$seed-$scheme"
  python3 Benchmarks/duplicates/generate.py "$out" --seed "$seed" --scheme "$scheme"
  set +e
  "$finrca_bin" ingest --profile newcastle --json "$out"/*.csv > "$out/ingest.json"
  status=$?
  set -e
  [ "$status" -eq 0 ] || [ "$status" -eq 4 ] || die "ingest exited $status"
  "$finrca_bin" detect --json > "$out/detect.json"
  "$bin/psql" "${admin[@]}" -d "$database" -X -q -A -t -c "
    SELECT json_build_object(
      'lines', (SELECT count(*) FROM finance_expense),
      'findings', (SELECT coalesce(json_agg(json_build_object(
          'kind', f.kind, 'rule', f.details->>'rule', 'explanation', f.explanation,
          'evidence', (SELECT json_agg(json_build_object('file', b.file_name, 'line', (e->>'line')::int8))
                       FROM jsonb_array_elements(f.evidence) e JOIN ingest_batches b ON b.id = (e->>'batch_id')::int8)
        )), '[]') FROM findings f WHERE f.last_run_id = (SELECT max(id) FROM detector_runs)
          AND f.kind = 'duplicate_payment'))" > "$out/findings.json"
  python3 Benchmarks/duplicates/score.py "seed $seed, $scheme references" "$out/labels.json" "$out/findings.json"
done
