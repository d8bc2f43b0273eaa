#!/usr/bin/env bash
# Which indexes finance_expense needs (issue 14, item 3): on one generated ledger, every query the product runs
# against finance_expense under EXPLAIN (ANALYZE, BUFFERS) (queries.sql) and the API routes that read it, with wrk
# (p99), once with the original schema's indexes and once with the one BRIN index the load now builds.
#
#   Benchmarks/indexes/run.sh   (FINRCA_BIN: default .build/release/finrca; ROWS: default 1000000;
#                                DURATION: wrk's -d per route, default 10s; CONNECTIONS: wrk -c, default 8;
#                                SETS: the index sets in the order measured, default "original brin")
#
# Set-up: a fresh database on the private cluster, ROWS generated rows (seed 42) ingested, one detector run, one
# API user, finrca serve on a free loopback port. The two index sets are swapped on the same data with psql (the
# original: btrees on functional_area, cost_center_id, directorate, (fiscal year, period), amount and the BRIN on
# (batch_id, source_line); the new: BRIN on (batch_id, source_line, posting_period), 16 pages per range), each
# followed by VACUUM ANALYZE. Results: $OUT (default .bench/indexes) plan-*.txt and the table printed at the end.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$FINRCA_ROOT"
source "$FINRCA_ROOT/Benchmarks/bench-lib.sh"
rows="${ROWS:-1000000}"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-8}"
out="${OUT:-.bench/indexes}"
mkdir -p "$out" .bench
command -v wrk >/dev/null || apt_install wrk
bench_setup indexes
serve_pid=""
bench_before_cleanup() {
  if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
    kill -TERM "$serve_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
  fi
}
sql() { "$bin/psql" -X -q -v ON_ERROR_STOP=1 "${admin[@]}" -d "$database" "$@"; }

export FINRCA_LOG_LEVEL=error
bench_database
file=".bench/gl-$rows.csv"
[ -f "$file" ] || "$finrca_bin" generate --rows "$rows" --seed 42 --out "$file" >/dev/null
log "ingesting $file and detecting"
"$finrca_bin" ingest "$file" > "$work/ingest.txt" || [ $? -eq 4 ] || die "ingest failed: $(cat "$work/ingest.txt")"
"$finrca_bin" detect > "$work/detect.txt"
password="bench-$(openssl rand -hex 16)"
printf '%s\n' "$password" | "$finrca_bin" user add bench --password-stdin >/dev/null

port="$(free_port)"
FINRCA_SERVER_HOST=127.0.0.1 FINRCA_SERVER_PORT="$port" FINRCA_SERVER_JWT_SECRET="$(openssl rand -hex 32)" \
  "$finrca_bin" serve > "$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 300); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/health-check" && break
  sleep 0.1
done
token="$(curl -s -X POST -H 'Content-Type: application/json' -d "{\"username\":\"bench\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$port/login" | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')"
auth="Authorization: Bearer $token"
for _ in $(seq 100); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "http://127.0.0.1:$port/dashboard")" = 200 ] && break
  sleep 0.1
done
finding="$(sql -tAc "SELECT id FROM findings ORDER BY jsonb_array_length(evidence) DESC, id LIMIT 1")"
evidence="$(sql -tAc "SELECT jsonb_array_length(evidence) FROM findings WHERE id = $finding")"
directorate="$(sql -tAc "SELECT directorate FROM finance_expense_y2024 WHERE posting_period = 6 LIMIT 1")"
routes=(
  "waterfall /charts/rca-waterfall?from=2024-05&to=2024-06"
  "findings /findings?limit=50"
  "evidence /findings/$finding/lines?limit=1000"
  "explore_bridge /explore/bridge?from=2024-05&to=2024-06"
  "explore_lines /explore/lines?from=2024-05&to=2024-06&directorate=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$directorate")&limit=100"
)

indexes_original() {
  for p in $(sql -tAc "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'finance_expense'::regclass"); do
    sql -c "DROP INDEX IF EXISTS ${p}_brin" \
      -c "CREATE INDEX ${p}_functional_area ON $p (functional_area)" -c "CREATE INDEX ${p}_cost_center ON $p (cost_center_id)" \
      -c "CREATE INDEX ${p}_directorate ON $p (directorate)" -c "CREATE INDEX ${p}_period ON $p (general_ledger_fiscal_year, posting_period)" \
      -c "CREATE INDEX ${p}_amount ON $p (amount)" -c "CREATE INDEX ${p}_batch_line ON $p USING brin (batch_id, source_line)"
  done
}
indexes_brin() {
  for p in $(sql -tAc "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'finance_expense'::regclass"); do
    sql -c "DROP INDEX IF EXISTS ${p}_functional_area, ${p}_cost_center, ${p}_directorate, ${p}_period, ${p}_amount, ${p}_batch_line" \
      -c "CREATE INDEX IF NOT EXISTS ${p}_brin ON $p USING brin (batch_id, source_line, posting_period) WITH (pages_per_range = 16)"
  done
}

results=()
for set in ${SETS:-original brin}; do
  log "index set: $set"
  started=$(date +%s.%N)
  "indexes_$set"
  log "index set $set built in $(echo "$(date +%s.%N) - $started" | bc) s (three partitions, after dropping the other set)"
  sql -c "VACUUM ANALYZE finance_expense"
  sql -v fy=2024 -v fp=5 -v ty=2024 -v tp=6 -v cur="$(sql -tAc "SELECT company_code_currency_key FROM finance_expense LIMIT 1")" \
    -f Benchmarks/indexes/queries.sql > "$out/plan-$set.txt"
  for entry in "${routes[@]}"; do
    name="${entry%% *}" path="${entry#* }"
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "http://127.0.0.1:$port$path")" = 200 ] || die "$path did not answer 200"
    wrk -t2 -c"$connections" -d2s -H "$auth" "http://127.0.0.1:$port$path" >/dev/null
    wrk -t2 -c"$connections" -d"$duration" --latency -H "$auth" "http://127.0.0.1:$port$path" > "$work/wrk-$set-$name.txt"
    ! grep -q 'Non-2xx' "$work/wrk-$set-$name.txt" || die "$name: not every answer was 2xx"
    results+=("$set $name $(awk '/^Requests\/sec:/ {print $2}' "$work/wrk-$set-$name.txt") $(awk '$1 == "50%" {print $2}' "$work/wrk-$set-$name.txt") $(awk '$1 == "99%" {print $2}' "$work/wrk-$set-$name.txt")")
  done
  sql -tAc "SELECT '$set index bytes: ' || sum(pg_relation_size(indexrelid)) FROM pg_index WHERE indrelid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = 'finance_expense'::regclass)"
done
echo "rows $rows, evidence lines of finding $finding: $evidence, wrk -t2 -c$connections -d$duration"
printf '%-10s %-16s %10s %10s %10s\n' "indexes" "route" "req/s" "p50" "p99"
for r in "${results[@]}"; do printf '%-10s %-16s %10s %10s %10s\n' $r; done
for set in ${SETS:-original brin}; do grep -h "^###\|Execution Time" "$out/plan-$set.txt" > "$out/summary-$set.txt"; done
paste "$out/summary-original.txt" "$out/summary-brin.txt" | sed 's/\t/   |   /'
