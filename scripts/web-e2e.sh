#!/usr/bin/env bash
# End-to-end test of the web app in a real headless Chromium: a throwaway database on the private cluster
# holding a generated ledger (generate → ingest → detect, as scripts/demo.sh), two users (demo: reviewer,
# vera: viewer), one `finrca serve`, then WebApp/e2e/test_web.py drives Chromium through every screen.
# Screenshots go to .test-artifacts/web/ (WEB_E2E_ARTIFACTS to change).
#
#   scripts/web-e2e.sh [--binary PATH]      (scripts/test.sh runs it after the Swift tests)
# Environment: FINRCA_TEST_DATABASE_URL (default: scripts/pg-start.sh), WEB_E2E_ROWS (default 200000, as the demo).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$FINRCA_ROOT"

binary="$FINRCA_ROOT/.build/debug/finrca"
[ "${1:-}" = "--binary" ] && binary="${2:?--binary needs a path}"
[ -x "$binary" ] || die "no finrca binary at $binary (swift build first)"
apt_install chromium chromium-driver python3-selenium
rows="${WEB_E2E_ROWS:-200000}"
artifacts="${WEB_E2E_ARTIFACTS:-$FINRCA_ROOT/.test-artifacts/web}"
work="$(mktemp -d)"
base_url="${FINRCA_TEST_DATABASE_URL:-$(bash scripts/pg-start.sh)}"
database="finrca_web_e2e_$$"
admin_url="${base_url%/*}/postgres"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then   # started by serve.sh, so not our child: no `wait`
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  psql -q "$admin_url" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -q "$admin_url" -c "CREATE DATABASE $database" >/dev/null
export FINRCA_DATABASE_URL="${base_url%/*}/$database"
export FINRCA_SERVER_BCRYPT_COST=4 FINRCA_LOG_LEVEL=warning

log "web e2e: generating, loading and scanning $rows rows"
"$binary" generate --rows "$rows" --seed 42 --out "$work/gl.csv" --labels "$work/labels.json" >/dev/null
"$binary" ingest "$work/gl.csv" >/dev/null || true
"$binary" detect >/dev/null
printf 'demo-password-e2e\n' | "$binary" user add demo --role reviewer --password-stdin >/dev/null
printf 'viewer-password-e2e\n' | "$binary" user add vera --role viewer --password-stdin >/dev/null

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export FINRCA_SERVER_PORT="$port" FINRCA_SERVER_WEB_DIR="$FINRCA_ROOT/WebApp"
# serve_with SECRET: (re)starts finrca serve with that JWT secret; the test restarts it to expire a session.
cat > "$work/serve.sh" <<SH
#!/usr/bin/env bash
if [ -s "$work/server.pid" ]; then   # stop the running server and wait until it has let go of the port
  old=\$(cat "$work/server.pid")
  kill "\$old" 2>/dev/null
  for _ in \$(seq 100); do kill -0 "\$old" 2>/dev/null || break; sleep 0.1; done
fi
FINRCA_SERVER_JWT_SECRET="\$1" nohup "$binary" serve >>"$work/serve.log" 2>&1 &
echo \$! > "$work/server.pid"
# ready once it serves the run's documents (health-check names the run)
for _ in \$(seq 150); do curl -sf "http://127.0.0.1:$port/health-check" | grep -q '"last_run":{' && exit 0; sleep 0.1; done
echo "finrca serve did not start" >&2; exit 1
SH
chmod +x "$work/serve.sh"
"$work/serve.sh" "$(openssl rand -hex 32)"
server_pid="$(cat "$work/server.pid")"
rm -rf "$artifacts" && mkdir -p "$artifacts"
status=0
WEB_E2E_URL="http://127.0.0.1:$port" WEB_E2E_ARTIFACTS="$artifacts" WEB_E2E_RESTART="$work/serve.sh" \
  WEB_E2E_PSQL="$FINRCA_DATABASE_URL" /usr/bin/python3 WebApp/e2e/test_web.py || status=$?
server_pid="$(cat "$work/server.pid")"
[ "$status" -eq 0 ] || { log "web e2e failed; server log:"; tail -n 30 "$work/serve.log" >&2; }
exit "$status"
