#!/usr/bin/env bash
# One command from a fresh machine to finrca running on built-in sample data:
# installs what is missing (Debian packages), builds the release binary, starts the private PostgreSQL
# cluster, then generate → migrate → ingest → detect → notify, printing the ingest summary, the detector's
# findings and the alerts delivered to a local SMTP sink and a local webhook receiver that it starts
# (stand-ins for the organisation's mail relay and chat webhook; messages land in .demo/mail and .demo/webhooks.jsonl).
# Environment: DEMO_ROWS (default 200000), DEMO_SEED (default 42), DEMO_DIR (default .demo), FINRCA_BIN (a built
# finrca to use instead of building the release binary; the tests run the demo twice with the debug build),
# DEMO_SERVE=no (stop before serving the API and the app).
# Run it again and the load says the file was already loaded, the detector finds nothing new and no alert is sent.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$FINRCA_ROOT"

rows="${DEMO_ROWS:-200000}"
seed="${DEMO_SEED:-42}"

apt_install postgresql libcurl4-openssl-dev python3-aiosmtpd openssl
if [ -n "${FINRCA_BIN:-}" ]; then
  bin="$(cd "$(dirname "$FINRCA_BIN")" && pwd)/$(basename "$FINRCA_BIN")"
  [ -x "$bin" ] || die "FINRCA_BIN=$FINRCA_BIN is not an executable"
else
  command -v swift >/dev/null || die "swift is not on PATH (this machine kind ships it at /opt/swift)"
  log "building finrca (release)"
  swift build -c release
  bin="$(swift build -c release --show-bin-path)/finrca"
fi
demo="${DEMO_DIR:-.demo}"

export FINRCA_DATABASE_URL="${FINRCA_DATABASE_URL:-$(bash scripts/pg-start.sh)}"
mkdir -p "$demo"
log "generating $rows sample rows (seed $seed)"
"$bin" generate --rows "$rows" --seed "$seed" --out "$demo/gl-sample.csv" --labels "$demo/labels.json"
"$bin" migrate
log "ingesting $demo/gl-sample.csv"
status=0
"$bin" ingest "$demo/gl-sample.csv" || status=$?
# Local stand-ins for the mail relay and the chat webhook, on free loopback ports.
rm -rf "$demo/mail" "$demo/webhooks.jsonl" "$demo"/*.port
mkdir -p "$demo/mail"
export FINRCA_NOTIFY_WEBHOOK_SECRET="${FINRCA_NOTIFY_WEBHOOK_SECRET:-$(openssl rand -hex 32)}"
/usr/bin/python3 -W ignore scripts/smtp-sink.py --dir "$demo/mail" >"$demo/smtp-sink.log" 2>&1 &
sink_pid=$!
/usr/bin/python3 scripts/webhook-receiver.py --port-file "$demo/webhook.port" --secret "$FINRCA_NOTIFY_WEBHOOK_SECRET" \
  --out "$demo/webhooks.jsonl" >"$demo/webhook-receiver.log" 2>&1 &
receiver_pid=$!
trap 'kill -9 $sink_pid $receiver_pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$demo/mail/port" ] && [ -s "$demo/webhook.port" ] && break; sleep 0.1; done
[ -s "$demo/mail/port" ] && [ -s "$demo/webhook.port" ] || die "the local SMTP sink or webhook receiver did not start ($demo/*.log)"
cat > "$demo/routes.yaml" <<YAML
routes:
  - name: finance-controllers
    match: { min_severity: high, kinds: [mom_change, yoy_change, root_cause] }
    channel: email
    to: ["finance.controller@example.org"]
    mode: immediate
  - name: audit-team
    match: { kinds: [duplicate_payment, below_approval_limit, round_amounts, benford, weekend_posting] }
    channel: email
    to: ["internal.audit@example.org"]
    mode: digest
  - name: ops-channel
    match: { min_severity: critical }
    channel: webhook
    url: "http://127.0.0.1:$(cat "$demo/webhook.port")/hooks/finrca"
    mode: immediate
YAML
export FINRCA_NOTIFY_ROUTES_FILE="$demo/routes.yaml" FINRCA_NOTIFY_SMTP_URL="smtp://127.0.0.1:$(cat "$demo/mail/port")" \
  FINRCA_NOTIFY_SMTP_STARTTLS=none FINRCA_NOTIFY_SMTP_FROM=finrca@example.org FINRCA_NOTIFY_EMAIL_RATE_PER_MINUTE=0
log "detecting (alerts are queued for new findings only: a rerun on the same data queues none)"
"$bin" detect
echo
log "the five most important findings"
"$bin" findings --limit 5
echo

log "delivering alerts"
"$bin" notify --dry-run | tail -n 1
"$bin" notify || status=$?
# Counted with find: on a rerun nothing is sent, and an empty glob in a pipeline would stop this script.
emails=$(find "$demo/mail" -name '*.eml' | wc -l)
webhooks=0
[ -f "$demo/webhooks.jsonl" ] && webhooks=$(wc -l < "$demo/webhooks.jsonl")
echo
if [ "$emails" -eq 0 ] && [ "$webhooks" -eq 0 ]; then
  echo "Alerts: none sent now (every finding was alerted by an earlier run; a rerun sends nothing again)"
else
  echo "Alerts: $emails emails in $demo/mail/*.eml (decoded: $demo/mail/*.json), $webhooks signed webhooks in $demo/webhooks.jsonl"
  first=$(find "$demo/mail" -name '*.eml' | sort | head -n 1)
  if [ -n "$first" ]; then echo "First email's subject: $(grep -m1 '^Subject:' "$first" | cut -c10-)"; fi
fi
echo "Database: $FINRCA_DATABASE_URL   binary: $bin"
echo "Try:  $bin findings --kind root_cause      $bin rca --from 2024-03 --to 2024-04"

# The API: a demo user (password kept in $demo/api-password, git-ignored) and finrca serve in the foreground.
[ -s "$demo/api-password" ] || openssl rand -hex 12 > "$demo/api-password"
password="$(cat "$demo/api-password")"
users="$("$bin" user list)"
if ! grep -q "[[:space:]]demo[[:space:]]" <<<"$users"; then
  printf '%s\n' "$password" | "$bin" user add demo --role reviewer --password-stdin
else
  "$bin" user role demo reviewer >/dev/null
fi
export FINRCA_SERVER_WEB_DIR="${FINRCA_SERVER_WEB_DIR:-$FINRCA_ROOT/WebApp}"
export FINRCA_SERVER_JWT_SECRET="${FINRCA_SERVER_JWT_SECRET:-$(openssl rand -hex 32)}"
port="${FINRCA_SERVER_PORT:-8080}"
export FINRCA_SERVER_PORT="$port"
base="http://127.0.0.1:$port"
cat <<TEXT

The API is starting on $base (stop it with Ctrl-C). In another terminal:

  token=\$(curl -s -X POST $base/login -H 'Content-Type: application/json' \\
      -d '{"username":"demo","password":"$password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  curl -s -H "Authorization: Bearer \$token" $base/dashboard | head -c 600; echo
  curl -s -H "Authorization: Bearer \$token" "$base/findings?severity=critical&limit=5"
  room=\$(curl -s -X POST -H "Authorization: Bearer \$token" -H 'Content-Type: application/json' -d '{}' $base/rooms \\
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  curl -s -X POST -H "Authorization: Bearer \$token" -H 'Content-Type: application/json' \\
      -d '{"message":"why did spend change in the latest month?"}' $base/chat/\$room
  curl -s $base/openapi.json | head -c 300; echo

TEXT
[ "$status" -eq 0 ] || log "note: ingest exited with $status (some rows rejected; see ingest_rejects)"
if [ "${DEMO_SERVE:-yes}" = "no" ]; then
  echo "The web app (after: FINRCA_SERVER_WEB_DIR=$FINRCA_SERVER_WEB_DIR $bin serve): $base/"
  echo "Sign in as: demo / $password (role reviewer)"
  exit "$status"
fi
echo "The web app: open $base/ in a browser"
echo "Sign in as: demo / $password (role reviewer)"
echo
kill -9 $sink_pid $receiver_pid 2>/dev/null || true
trap - EXIT
exec "$bin" serve
