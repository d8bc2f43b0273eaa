#!/usr/bin/env bash
# Delivers N webhook alerts (default 10,000) with `finrca notify` to a local nginx receiver and prints alerts/s,
# next to the receiver's own ceiling: wrk POSTing the same-sized signed body to the same nginx in the same run.
#
#   Benchmarks/notify/run.sh [ALERTS]        (FINRCA_BIN: finrca binary, default .build/release/finrca)
#
# Set-up: a fresh database on the private cluster (scripts/pg-start.sh), one detector run, ALERTS findings and one
# immediate webhook alert each (inserted with SQL: the benchmark measures delivery, not detection). The receiver
# is nginx answering 200 to every POST and logging each Idempotency-Key, so the run also checks that every alert
# arrived exactly once. finrca runs with notify.webhook_concurrency 8 and 32 (each on a fresh queue).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$FINRCA_ROOT"
source "$FINRCA_ROOT/Benchmarks/bench-lib.sh"
alerts="${1:-10000}"
command -v wrk >/dev/null || apt_install wrk
bench_setup notify
port="$(free_port)"
start_nginx 1 "  log_format keys '\$http_idempotency_key \$status';
  server {
    listen 127.0.0.1:$port;
    location /hook { access_log $work/hook.log keys; return 200; }
    location /wrk { return 200; }
  }"

export FINRCA_NOTIFY_WEBHOOK_SECRET="benchmark-secret-0123456789abcdef0123"
export FINRCA_NOTIFY_ROUTES_FILE="$work/routes.yaml"
export FINRCA_LOG_LEVEL=error
cat > "$FINRCA_NOTIFY_ROUTES_FILE" <<YAML
routes:
  - name: bench
    channel: webhook
    url: "http://127.0.0.1:$port/hook"
    mode: immediate
YAML

queue() {
  bench_database
  "$bin/psql" -q -v ON_ERROR_STOP=1 "$FINRCA_DATABASE_URL" <<SQL
INSERT INTO detector_runs (started_at, passes, rows_scanned, findings_total, findings_new, currency, summary)
VALUES (now(), '{statistical}', $alerts, $alerts, $alerts, 'GBP', '{}');
INSERT INTO findings (fingerprint, kind, severity, score, period, dimensions, dimension_path, actual, expected, delta,
                      currency, explanation, evidence, details, first_run_id, last_run_id)
SELECT 'bench-' || i, 'statistical_outlier', 'high', 5.1, '2024-05', '{"gl_account": "541040"}', 'gl_account=541040',
       100000 + i + 0.25, 2000.00, 98000 + i + 0.25, 'GBP',
       'Line ' || i || ' of gl.csv: GBP 100.0k to Example Supplier Ltd on GL account 541040, 50x the account''s median line.',
       jsonb_build_array(jsonb_build_object('batch_id', 1, 'line', i, 'amount', 100000 + i + 0.25)), '{}', 1, 1
FROM generate_series(1, $alerts) AS i;
INSERT INTO alerts (idempotency_key, route, channel, mode, run_id, finding_ids)
SELECT 'finrca-bench-' || id, 'bench', 'webhook', 'immediate', 1, ARRAY[id] FROM findings;
SQL
}

# The receiver's ceiling: wrk posting a signed-size body (one alert's JSON is about 800 bytes) for 5 s.
body="$(head -c 800 /dev/zero | tr '\0' 'x')"
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = "$body"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Idempotency-Key"] = "finrca-0123456789abcdef0123456789abcdef"
wrk.headers["X-Finrca-Signature"] = "v1=6935b796c0fec66e5dee52c86c7fd1218a424c32f1adb239ff2893c31e54f033"
LUA
reference="$(wrk -t2 -c8 -d5s -s "$work/post.lua" "http://127.0.0.1:$port/wrk" | awk '/Requests\/sec/ {print $2}')"

printf '%-34s %10s %10s %12s %8s\n' "sender" "alerts" "seconds" "alerts/s" "ratio"
printf '%-34s %10s %10s %12.0f %8s\n' "wrk -t2 -c8 (receiver ceiling)" "-" "5" "$reference" "1.00"
for concurrency in 8 32; do
  queue
  : > "$work/hook.log"
  start=$(date +%s.%N)
  FINRCA_NOTIFY_WEBHOOK_CONCURRENCY=$concurrency ${NOTIFY_WRAPPER:-} "$finrca_bin" notify --json > "$work/summary.json"
  end=$(date +%s.%N)
  delivered="$("$bin/psql" -tA "$FINRCA_DATABASE_URL" -c "SELECT count(*) FROM alerts WHERE state = 'delivered'")"
  received="$(wc -l < "$work/hook.log")"
  distinct="$(cut -d' ' -f1 "$work/hook.log" | sort -u | wc -l)"
  [ "$delivered" = "$alerts" ] && [ "$received" = "$alerts" ] && [ "$distinct" = "$alerts" ] \
    || die "concurrency $concurrency: $delivered delivered, $received requests received, $distinct distinct keys (expected $alerts each); $(cat "$work/summary.json")"
  seconds="$(echo "$end - $start" | bc -l)"
  rate="$(echo "$alerts / $seconds" | bc -l)"
  printf '%-34s %10s %10.2f %12.0f %8.2f\n' "finrca notify, concurrency $concurrency" "$alerts" "$seconds" "$rate" "$(echo "$rate / $reference" | bc -l)"
done
echo "every alert delivered once: $alerts rows delivered, $alerts requests, $alerts distinct Idempotency-Keys per run"
