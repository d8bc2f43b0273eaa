#!/usr/bin/env bash
# Fault tests of `finrca serve` against a throwaway PostgreSQL cluster of its own (initdb in a temporary folder,
# a free loopback port), so stopping the database disturbs nothing else:
#   1. PostgreSQL stopped and started again while serve runs: /health-check answers 503 (within 3 s) and a data
#      route 503 `database_unavailable` while it is down, 200 again once it is back — the same serve process.
#   2. serve started while PostgreSQL is down: it waits (no exit, nothing listening), and answers 200 once the
#      database comes up.
# Prints one line per step with its figures; exits 1 at the first step that fails.
#
#   Benchmarks/load/faults.sh    (FINRCA_BIN: finrca binary, default .build/release/finrca)
#
# Run by Tests/IntegrationTests/ServeFaultTests.swift with the debug build (about 30 s).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$FINRCA_ROOT"
finrca_bin="${FINRCA_BIN:-.build/release/finrca}"
[ -x "$finrca_bin" ] || die "$finrca_bin not found (swift build -c release, or set FINRCA_BIN)"
bin="$(pg_bin)" || die "PostgreSQL server binaries not found (bash scripts/pg-start.sh installs them)"
command -v curl >/dev/null || apt_install curl

work="$(mktemp -d /tmp/finrca-faults.XXXXXX)"
chmod 755 "$work"
pg_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
serve_pids=()
cleanup() {
  for pid in "${serve_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${serve_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  as_pg "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$work/data" "$work/run"
[ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$work/data" "$work/run"
as_pg "$bin/initdb" -D "$work/data" -U finrca --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$work/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$work/run'
fsync = off
CONF

pg_up() {
  # The server must not keep descriptors it inherited (a pipe the caller reads, a lock file).
  (
    for fd in /proc/self/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-"; done
    as_pg "$bin/pg_ctl" -D "$work/data" -l "$work/run/pg.log" -w -t 60 start >/dev/null
  )
}
pg_down() { as_pg "$bin/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null; }
fail() { echo "FAIL: $*"; [ -f "$work/serve.log" ] && tail -n 20 "$work/serve.log"; exit 1; }
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc -l | xargs printf '%.1f'; }
status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-5}" "${@:3}" "$1" || true; }

# start_serve PORT: serve in the background (its pid appended to serve_pids).
start_serve() {
  FINRCA_SERVER_HOST=127.0.0.1 FINRCA_SERVER_PORT="$1" FINRCA_SERVER_JWT_SECRET="fault-test-secret-0123456789abcdef0123" \
    FINRCA_LOG_LEVEL=notice "$finrca_bin" serve >> "$work/serve.log" 2>&1 &
  serve_pids+=($!)
}

# wait_status URL WANT SECONDS [CURL OPTION...]: polls every 0.2 s; prints the seconds it took, fails after SECONDS.
wait_status() {
  local url="$1" want="$2" limit="$3" start status=""
  shift 3
  start="$(now)"
  while [ "$(echo "$(now) - $start < $limit" | bc -l)" = 1 ]; do
    status="$(status_of "$url" 3 "$@")"
    [ "$status" = "$want" ] && { since "$start"; return 0; }
    sleep 0.2
  done
  fail "$url: wanted $want within $limit s, last answer '$status'"
}

export FINRCA_DATABASE_URL="postgres://finrca@127.0.0.1:$pg_port/finrca"
pg_up
"$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U finrca finrca
FINRCA_LOG_LEVEL=error "$finrca_bin" migrate >/dev/null
printf '%s\n' "fault-test-password-1" | FINRCA_LOG_LEVEL=error "$finrca_bin" user add fault --password-stdin >/dev/null

# --- 1. the database goes away and comes back while serve runs ---------------------------------------------------
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
start_serve "$port"
serve_pid="${serve_pids[-1]}"
took="$(wait_status "$base/health-check" 200 30)"
login="$(curl -s -X POST -H 'Content-Type: application/json' \
  -d '{"username":"fault","password":"fault-test-password-1"}' "$base/login")"
token="$(printf '%s' "$login" | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')" \
  || fail "no token: $login"
auth=(-H "Authorization: Bearer $token")
[ "$(status_of "$base/findings" 5 "${auth[@]}")" = 200 ] || fail "GET /findings before the fault"
echo "serve up: /health-check 200 after ${took} s; GET /findings 200"

pg_down
start="$(now)"
health="$(status_of "$base/health-check" 5)"
echo "PostgreSQL stopped: /health-check $health in $(since "$start") s"
[ "$health" = 503 ] || fail "/health-check answered '$health' with the database down"
start="$(now)"
findings_body="$(curl -s --max-time 30 "${auth[@]}" "$base/findings" -w ' %{http_code}' || true)"
findings_status="${findings_body##* }"
echo "PostgreSQL stopped: GET /findings $findings_status in $(since "$start") s: ${findings_body% *}"
[ "$findings_status" = 503 ] || fail "GET /findings answered '$findings_status' with the database down"

pg_up
took="$(wait_status "$base/health-check" 200 60)"
echo "PostgreSQL started again: /health-check 200 after ${took} s"
took="$(wait_status "$base/findings" 200 60 "${auth[@]}")"
echo "PostgreSQL started again: GET /findings 200 after ${took} s more"
kill -0 "$serve_pid" 2>/dev/null || fail "serve is no longer running"
echo "the same serve process (pid $serve_pid) throughout: no restart"

# --- 2. serve starts before the database -------------------------------------------------------------------------
pg_down
port2="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
start_serve "$port2"
early_pid="${serve_pids[-1]}"
sleep 3
kill -0 "$early_pid" 2>/dev/null || fail "serve exited while the database was down"
[ "$(status_of "http://127.0.0.1:$port2/health-check" 2)" = 000 ] || fail "serve listened before it reached the database"
tries="$(grep -c 'database not reachable yet' "$work/serve.log" || true)"
echo "serve started with the database down: still running after 3 s, not listening yet, $tries tries logged"
start="$(now)"
pg_up
took="$(wait_status "http://127.0.0.1:$port2/health-check" 200 60)"
echo "PostgreSQL started: the early serve answers /health-check 200 after ${took} s"
kill -0 "$serve_pid" 2>/dev/null || fail "the first serve stopped"
took="$(wait_status "$base/health-check" 200 90)"
echo "the first serve, through a second outage: /health-check 200 after ${took} s"
echo "faults: all passed"
