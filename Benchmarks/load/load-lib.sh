# Set-up shared by the load tests. Source it after scripts/lib.sh and Benchmarks/bench-lib.sh; do not run it.
#
# load_setup NAME: bench_setup NAME, then a fresh database with ROWS (default 100000) generated rows (seed 42)
# ingested and one detector run, an admin API user `bench`, and `finrca serve` on a free loopback port with the
# default limits (override them with FINRCA_SERVER_LIMITS_* in the environment). Sets:
#   port, base (http://127.0.0.1:PORT), password, token (an access token of bench), auth ("Authorization: ..."),
#   serve_pid; and stops serve (SIGTERM) before the database is dropped on exit.

serve_pid=""
bench_before_cleanup() {
  if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
    kill -TERM "$serve_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
  fi
}

# json_field FIELD: the top-level FIELD of the JSON object on stdin, empty when absent.
json_field() {
  python3 -c 'import json, sys; value = json.load(sys.stdin).get(sys.argv[1]); print("" if value is None else value)' "$1"
}

load_setup() {
  command -v wrk >/dev/null || apt_install wrk
  command -v curl >/dev/null || apt_install curl
  command -v openssl >/dev/null || apt_install openssl
  bench_setup "$1"
  export FINRCA_LOG_LEVEL="${FINRCA_LOG_LEVEL:-error}"
  bench_database
  local rows="${ROWS:-100000}"
  log "generating $rows sample rows (seed 42), ingesting, detecting"
  "$finrca_bin" generate --rows "$rows" --seed 42 --out "$work/gl.csv" >/dev/null
  # exit code 4: loaded, but some rows were rejected; still a valid data set to serve
  "$finrca_bin" ingest "$work/gl.csv" > "$work/ingest.txt" || [ $? -eq 4 ] || die "ingest failed: $(cat "$work/ingest.txt")"
  "$finrca_bin" detect > "$work/detect.txt"
  password="bench-$(openssl rand -hex 16)"
  printf '%s\n' "$password" | "$finrca_bin" user add bench --role admin --password-stdin >/dev/null
  port="$(free_port)"
  base="http://127.0.0.1:$port"
  FINRCA_SERVER_HOST=127.0.0.1 FINRCA_SERVER_PORT="$port" FINRCA_SERVER_JWT_SECRET="$(openssl rand -hex 32)" \
    "$finrca_bin" serve > "$work/serve.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 300); do
    curl -fs -o /dev/null "$base/health-check" && break
    kill -0 "$serve_pid" 2>/dev/null || die "finrca serve exited: $(tail -n 20 "$work/serve.log")"
    sleep 0.1
  done
  curl -fs -o /dev/null "$base/health-check" || die "finrca serve did not answer within 30 s: $(tail -n 20 "$work/serve.log")"
  local login
  login="$(curl -s -X POST -H 'Content-Type: application/json' \
    -d "{\"username\":\"bench\",\"password\":\"$password\"}" "$base/login")"
  token="$(printf '%s' "$login" | json_field access_token 2>/dev/null)" || true
  [ -n "$token" ] || die "POST /login gave no access_token: $login"
  auth="Authorization: Bearer $token"
  local status=""
  for _ in $(seq 100); do
    status="$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "$base/dashboard")"
    [ "$status" = 200 ] && break
    sleep 0.1
  done
  [ "$status" = 200 ] || die "GET /dashboard answered $status after serve started"
}
