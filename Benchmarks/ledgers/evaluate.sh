#!/usr/bin/env bash
# Outlier recall, share of lines flagged, reversals reported and precision of `finrca detect` on labelled ledgers
# from generate.py (a generator written independently of finrca's own, with other distributions).
#
#   FINRCA_PG_PORT=<port> Benchmarks/ledgers/evaluate.sh [--lines N] [SEED ...]
#       default: --lines 200000, seeds 1 2 3 (development) and 1001 1002 (unseen: never tune on seeds >= 1000)
#
# Per seed: generate, load into a throwaway database on the private cluster with the finance_expense profile, one
# `finrca detect` with the default configuration, read the run's findings (kind, evidence lines) and its
# anomalies_statistical document, and print one line of figures (score.py says what they mean).
# FINRCA_BIN picks the binary (default .build/release/finrca). KEEP=1 keeps the files in $work for a look.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh
source Benchmarks/bench-lib.sh

lines=200000
seeds=()
while [ $# -gt 0 ]; do
  case "$1" in
    --lines) lines="$2"; shift 2 ;;
    *) seeds+=("$1"); shift ;;
  esac
done
[ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3 1001 1002)
bench_setup ledgers
if [ "${KEEP:-0}" = 1 ]; then bench_before_cleanup() { log "files kept in $work"; work=/nonexistent; }; fi
unset FINRCA_CONFIG

for seed in "${seeds[@]}"; do
  bench_database
  out="$work/seed-$seed"
  mkdir -p "$out"
  python3 Benchmarks/ledgers/generate.py --seed "$seed" --lines "$lines" --out "$out/gl-$seed.csv" \
    --labels "$out/labels.json"
  "$finrca_bin" ingest --json "$out/gl-$seed.csv" > "$out/ingest.json" 2> "$out/ingest.log" \
    || die "ingest of seed $seed failed: $(tail -n 3 "$out/ingest.log")"
  python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); sys.exit(0 if r["rows_rejected"] == 0 else
    "seed %s: %d rows rejected" % (sys.argv[2], r["rows_rejected"]))' "$out/ingest.json" "$seed"
  "$finrca_bin" detect --json > "$out/detect.json" 2> "$out/detect.log"
  "$bin/psql" "${admin[@]}" -d "$database" -X -q -A -t -v ON_ERROR_STOP=1 -c "
    WITH run AS (SELECT max(id) AS id FROM detector_runs)
    SELECT json_build_object(
      'lines', (SELECT count(*) FROM finance_expense),
      'batches', (SELECT count(*) FROM ingest_batches),
      'materiality', (SELECT summary->>'materiality' FROM detector_runs WHERE id = (SELECT id FROM run)),
      'findings', (SELECT coalesce(json_agg(json_build_object(
          'kind', f.kind, 'severity', f.severity,
          'lines', (SELECT json_agg((e->>'line')::int8) FROM jsonb_array_elements(f.evidence) e))), '[]')
        FROM findings f WHERE f.last_run_id = (SELECT id FROM run)),
      'statistical', (SELECT document FROM dashboard_documents
                      WHERE run_id = (SELECT id FROM run) AND name = 'anomalies_statistical'))
  " > "$out/run.json"
  kind="dev"
  [ "$seed" -ge 1000 ] && kind="unseen"
  python3 Benchmarks/ledgers/score.py "seed $seed ($kind)" "$out/labels.json" "$out/run.json"
done
