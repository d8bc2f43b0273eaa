#!/usr/bin/env bash
# Measures `finrca serve` on GET /dashboard with wrk, next to nginx serving the same bytes as a static file in the
# same run, and prints req/s and p99 latency of both. Target: finrca ≥ 0.70× nginx's req/s.
#
#   Benchmarks/api/run.sh        (FINRCA_BIN: finrca binary, default .build/release/finrca;
#                                 ROWS: sample rows, default 100000; DURATION: wrk's -d, default 10s)
#
# Set-up: a fresh database on the private cluster (scripts/pg-start.sh), ROWS generated rows ingested and one
# detector run, one API user. finrca serve listens on a free loopback port; the benchmark logs in once and sends
# the access token with every request. The /dashboard document it answers (identity-encoded: neither curl nor wrk
# sends Accept-Encoding, so no gzip) is saved and served by nginx as dashboard.json, so both send the same body.
# Each server gets a 2 s warm-up, then `wrk -t2 -c64 -d10s --latency`. The machine has 2 cores: nginx runs 2
# workers and finrca serve 2 threads, so both get the same 2 cores, which wrk's 2 threads share with them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$FINRCA_ROOT"
source "$FINRCA_ROOT/Benchmarks/bench-lib.sh"
rows="${ROWS:-100000}"
duration="${DURATION:-10s}"
command -v wrk >/dev/null || apt_install wrk
command -v curl >/dev/null || apt_install curl
command -v openssl >/dev/null || apt_install openssl
bench_setup api
serve_pid=""
# Called by bench_cleanup: serve first (SIGTERM, then wait for a clean shutdown, at most 10 s), so that nothing
# holds the database.
bench_before_cleanup() {
  if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
    kill -TERM "$serve_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
  fi
}

# json_get FIELD: the top-level FIELD of the JSON object on stdin, empty when absent (jq if installed, else python3).
json_get() {
  if command -v jq >/dev/null; then
    jq -r --arg field "$1" '.[$field] // empty'
  else
    python3 -c 'import json, sys; value = json.load(sys.stdin).get(sys.argv[1]); print("" if value is None else value)' "$1"
  fi
}

# to_ms VALUE: wrk's latency (850.00us, 1.23ms, 1.02s, 1.50m) in milliseconds.
to_ms() {
  awk -v value="$1" 'BEGIN {
    unit = value; sub(/^[0-9.]+/, "", unit)
    factor = unit == "us" ? 0.001 : unit == "ms" ? 1 : unit == "s" ? 1000 : unit == "m" ? 60000 \
      : unit == "h" ? 3600000 : -1
    if (factor < 0 || value !~ /^[0-9.]+[a-z]+$/) exit 1
    printf "%.2f", value * factor
  }' || die "unexpected latency in wrk's output: '$1'"
}

# measure NAME URL [WRK OPTION...]: a 2 s warm-up, then the measured run; sets rate (req/s) and p99 (ms).
measure() {
  local name="$1" url="$2"
  shift 2
  wrk -t2 -c64 -d2s "$@" "$url" >/dev/null
  wrk -t2 -c64 -d"$duration" --latency "$@" "$url" > "$work/wrk-$name.txt"
  # a 401 or 503 answered fast would make a fine-looking number: every answer must be a 2xx
  ! grep -q 'Non-2xx' "$work/wrk-$name.txt" || die "$name: not every answer was 2xx: $(cat "$work/wrk-$name.txt")"
  grep -q 'Socket errors' "$work/wrk-$name.txt" && log "$name: $(grep 'Socket errors' "$work/wrk-$name.txt" | sed 's/^ *//')"
  rate="$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk-$name.txt")"
  p99="$(awk '$1 == "99%" {print $2}' "$work/wrk-$name.txt")"
  [ -n "$rate" ] && [ -n "$p99" ] || die "$name: no Requests/sec or 99% line in wrk's output: $(cat "$work/wrk-$name.txt")"
  p99="$(to_ms "$p99")"
}

# --- data: a fresh database, ROWS sample rows, one detector run, one API user ------------------------------------
export FINRCA_LOG_LEVEL=error
bench_database
log "generating $rows sample rows (seed 42)"
"$finrca_bin" generate --rows "$rows" --seed 42 --out "$work/gl.csv" >/dev/null
log "ingesting and detecting"
# exit code 4: loaded, but some rows were rejected; still a valid data set to serve
"$finrca_bin" ingest "$work/gl.csv" > "$work/ingest.txt" || [ $? -eq 4 ] || die "ingest failed: $(cat "$work/ingest.txt")"
"$finrca_bin" detect > "$work/detect.txt"
password="bench-$(openssl rand -hex 16)"
printf '%s\n' "$password" | "$finrca_bin" user add bench --password-stdin >/dev/null

# --- finrca serve --------------------------------------------------------------------------------------------------
port="$(free_port)"
FINRCA_SERVER_HOST=127.0.0.1 FINRCA_SERVER_PORT="$port" FINRCA_SERVER_JWT_SECRET="$(openssl rand -hex 32)" \
  "$finrca_bin" serve > "$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 300); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/health-check" && break
  kill -0 "$serve_pid" 2>/dev/null || die "finrca serve exited: $(tail -n 20 "$work/serve.log")"
  sleep 0.1
done
curl -fs -o /dev/null "http://127.0.0.1:$port/health-check" \
  || die "finrca serve did not answer /health-check within 30 s: $(tail -n 20 "$work/serve.log")"
login="$(curl -s -X POST -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench\",\"password\":\"$password\"}" "http://127.0.0.1:$port/login")"
token="$(printf '%s' "$login" | json_get access_token 2>/dev/null)" || true
[ -n "$token" ] || die "POST /login gave no access_token: $login"
auth="Authorization: Bearer $token"
# serve loads the run's documents when it starts: until then /dashboard answers 503
mkdir -m 755 "$work/www"
for _ in $(seq 100); do
  status="$(curl -s -o "$work/www/dashboard.json" -w '%{http_code}' -H "$auth" "http://127.0.0.1:$port/dashboard")"
  [ "$status" = 200 ] && break
  sleep 0.1
done
[ "$status" = 200 ] || die "GET /dashboard answered $status: $(cat "$work/www/dashboard.json")"

# --- nginx: the same bytes as a static file --------------------------------------------------------------------------
# Its workers may run as 'nobody' (when we are root): they need to read $work/www. Temporary paths stay in $work.
chmod 711 "$work"
chmod 644 "$work/www/dashboard.json"
nginx_port="$(free_port)"
start_nginx 2 "  types { }
  default_type application/json;
  etag on;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;   # like finrca serve, keep every wrk connection open for the whole run
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
  }"   # 2 workers: the same 2 cores as finrca serve's 2 threads

# --- same bytes? ---------------------------------------------------------------------------------------------------
finrca_bytes="$(curl -s -o /dev/null -w '%{size_download}' -H "$auth" "http://127.0.0.1:$port/dashboard")"
nginx_bytes="$(curl -s -o /dev/null -w '%{size_download}' "http://127.0.0.1:$nginx_port/dashboard.json")"
[ "$finrca_bytes" = "$nginx_bytes" ] || die "response sizes differ: finrca $finrca_bytes bytes, nginx $nginx_bytes bytes"

# --- measure -------------------------------------------------------------------------------------------------------
log "wrk -t2 -c64 -d$duration on finrca serve, then on nginx ($(nproc) cores)"
measure finrca "http://127.0.0.1:$port/dashboard" -H "$auth"
finrca_rate="$rate" finrca_p99="$p99"
measure nginx "http://127.0.0.1:$nginx_port/dashboard.json"
nginx_rate="$rate" nginx_p99="$p99"
ratio="$(echo "$finrca_rate / $nginx_rate" | bc -l)"

printf '%-30s %12s %10s %8s %10s\n' "server" "req/s" "p99 ms" "ratio" "bytes"
printf '%-30s %12.0f %10.2f %8.2f %10d\n' "finrca serve GET /dashboard" "$finrca_rate" "$finrca_p99" "$ratio" "$finrca_bytes"
printf '%-30s %12.0f %10.2f %8.2f %10d\n' "nginx static dashboard.json" "$nginx_rate" "$nginx_p99" 1 "$nginx_bytes"
if [ "$(echo "$ratio >= 0.70" | bc -l)" = 1 ]; then met="met"; else met="not met"; fi
echo "target ≥ 0.70× nginx: $met"
