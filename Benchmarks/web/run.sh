#!/usr/bin/env bash
# The web app in Chromium on the 1M-line benchmark ledger: Navigation Timing of the app's page, the time from
# signing in to a usable overview (KPIs, trend, directorate chart and heatmap drawn), an in-app return to the
# overview, and the bytes the browser received for the app's code and styles (compressed, Chart.js apart).
# Reference in the same run: the overview's four API calls made with curl (the server's share of the time).
#
#   flock /work/team/swift.lock bash Benchmarks/web/run.sh [ROWS]       (default 1000000; release binary)
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"
source "$FINRCA_ROOT/Benchmarks/bench-lib.sh"
cd "$FINRCA_ROOT"
rows="${1:-1000000}"
apt_install chromium chromium-driver python3-selenium
bench_setup web
bench_database
log "generating $rows rows, loading and scanning them"
"$finrca_bin" generate --rows "$rows" --seed 42 --out "$work/gl.csv" --labels "$work/labels.json" >/dev/null
"$finrca_bin" ingest "$work/gl.csv" >/dev/null || true
rm -f "$work/gl.csv"
"$finrca_bin" detect >/dev/null
# The default bcrypt cost (12), as a real user's password: signing in includes its verification.
printf 'bench-password-web\n' | "$finrca_bin" user add bench --role reviewer --password-stdin >/dev/null
port="$(free_port)"
FINRCA_SERVER_PORT="$port" FINRCA_SERVER_WEB_DIR="$FINRCA_ROOT/WebApp" FINRCA_SERVER_JWT_SECRET="$(openssl rand -hex 32)" \
  FINRCA_LOG_LEVEL=warning "$finrca_bin" serve >"$work/serve.log" 2>&1 &
server=$!
bench_before_cleanup() { kill "$server" 2>/dev/null || true; }
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health-check" >/dev/null && break; sleep 0.1; done
BENCH_URL="http://127.0.0.1:$port" BENCH_ROWS="$rows" /usr/bin/python3 Benchmarks/web/measure.py
