#!/usr/bin/env bash
# Checks that two finrca builds find exactly the same on the same ledger: loads the ledger once (with BIN_A), copies
# the database for each build (CREATE DATABASE … TEMPLATE), runs `finrca detect` with each, and compares every
# finding (kind, fingerprint, severity, score, attention, period, dimensions, amounts, explanation, evidence, details)
# and the run summary (timings and timestamps left out). Exit 0 and "identical" when they agree; otherwise the diff.
#
#   Benchmarks/detect-compare/same-findings.sh BIN_A BIN_B generated ROWS   (the bench ledger, seed 42)
#   Benchmarks/detect-compare/same-findings.sh BIN_A BIN_B council NAME     (newcastle or darlington, ../shared/data)
#   Benchmarks/detect-compare/same-findings.sh BIN_A BIN_B file PROFILE CSV… (any files with a mapping profile)
#
# Both builds must use the same schema version (migrations) as BIN_A's load.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
[ $# -ge 4 ] || die "usage: $0 BIN_A BIN_B generated ROWS | council NAME | file PROFILE CSV…"
bin_a="$(realpath "$1")" bin_b="$(realpath "$2")" source="$3"
shift 3
server_url="$(bash "$FINRCA_ROOT/scripts/pg-start.sh")"
pg="$(pg_bin)"
admin=(-h 127.0.0.1 -p "$FINRCA_PG_PORT" -U finrca)
work="$(mktemp -d /tmp/finrca-same-findings.XXXXXX)"
source_db="finrca_same_$$"
cleanup() {
  for db in "$source_db" "${source_db}_a" "${source_db}_b"; do
    "$pg/dropdb" "${admin[@]}" --if-exists --force "$db" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
export FINRCA_LOG_LEVEL=warning

"$pg/createdb" "${admin[@]}" "$source_db"
export FINRCA_DATABASE_URL="${server_url%/*}/$source_db"
"$bin_a" migrate > /dev/null
case "$source" in
  generated)
    "$bin_a" generate --rows "$1" --seed 42 --out "$work/gl.csv" > /dev/null
    "$bin_a" ingest --json "$work/gl.csv" > /dev/null ;;
  council)
    for file in "${FINRCA_SHARED_DATA:-$FINRCA_ROOT/../shared/data}/uk_council_spend_$1/clean"/*.csv.gz; do
      gzip -dc "$file" > "$work/$(basename "$file" .gz)"
    done
    "$bin_a" ingest --profile "$1" --json "$work"/*.csv > /dev/null || [ $? -eq 4 ] ;;
  file)
    profile="$1"; shift
    "$bin_a" ingest --profile "$profile" --json "$@" > /dev/null || [ $? -eq 4 ] ;;
  *) die "unknown ledger source $source" ;;
esac

for side in a b; do
  db="${source_db}_$side"
  "$pg/createdb" "${admin[@]}" -T "$source_db" "$db"
  bin="$bin_a"; [ "$side" = b ] && bin="$bin_b"
  FINRCA_DATABASE_URL="${server_url%/*}/$db" "$bin" detect --json \
    | python3 -c 'import json, sys; r = json.load(sys.stdin); [r.pop(k, None) for k in ("timings", "seconds")]; print(json.dumps(r, indent=1, sort_keys=True))' \
    > "$work/report-$side.json"
  "$pg/psql" "${admin[@]}" -d "$db" -X -q -A -t -c "
    SELECT json_build_object('kind', kind, 'fingerprint', fingerprint, 'severity', severity, 'score', score,
             'attention', attention, 'period', period, 'dimensions', dimensions, 'actual', actual,
             'expected', expected, 'delta', delta, 'currency', currency, 'explanation', explanation,
             'evidence', evidence, 'details', details, 'provisional', provisional)
    FROM findings ORDER BY fingerprint" > "$work/findings-$side.jsonl"
  "$pg/psql" "${admin[@]}" -d "$db" -X -q -A -t -c "SELECT summary FROM detector_runs ORDER BY id" \
    | python3 -c 'import json, sys
for line in sys.stdin:
    s = json.loads(line); [s.pop(k, None) for k in ("timings", "seconds", "started_at", "finished_at")]
    print(json.dumps(s, indent=1, sort_keys=True))' > "$work/summary-$side.json"
done
log "$(wc -l < "$work/findings-a.jsonl") findings"
status=0
for part in report.json findings.jsonl summary.json; do
  name="${part%.*}" ext="${part##*.}"
  diff -u "$work/$name-a.$ext" "$work/$name-b.$ext" > "$work/$name.diff" || { status=1; head -40 "$work/$name.diff"; }
done
[ "$status" -eq 0 ] && echo "identical: report, $(wc -l < "$work/findings-a.jsonl") findings, run summary"
exit "$status"
