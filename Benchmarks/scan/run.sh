#!/usr/bin/env bash
# A full nightly scan of ROWS generated ledger lines (default 1,000,000): `finrca run` ingests the file from an
# inbox, runs the detector and delivers the alerts to a local nginx webhook receiver. Prints the scan's wall
# time, its per-step times and finrca's peak RSS (GNU time's maximum resident set size).
#
#   Benchmarks/scan/run.sh [ROWS]        (FINRCA_BIN: finrca binary, default .build/release/finrca)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$FINRCA_ROOT"
source "$FINRCA_ROOT/Benchmarks/bench-lib.sh"
rows="${1:-1000000}"
[ -x /usr/bin/time ] || apt_install time
bench_setup scan
port="$(free_port)"
start_nginx 1 "  log_format keys '\$http_idempotency_key';
  server { listen 127.0.0.1:$port; location /hook { access_log $work/hook.log keys; return 200; } }"

mkdir -p "$work/inbox"
log "generating $rows rows into the inbox"
"$finrca_bin" generate --rows "$rows" --seed 42 --out "$work/inbox/gl-$rows.csv" >/dev/null
bench_database
cat > "$work/routes.yaml" <<YAML
routes:
  - name: controllers
    match: { min_severity: high }
    channel: webhook
    url: "http://127.0.0.1:$port/hook"
    mode: immediate
  - name: audit
    match: { kinds: [duplicate_payment, below_approval_limit] }
    channel: webhook
    url: "http://127.0.0.1:$port/hook"
    mode: digest
YAML
export FINRCA_LOG_LEVEL=warning \
  FINRCA_INGEST_INBOX_DIR="$work/inbox" FINRCA_INGEST_ARCHIVE_DIR="$work/archive" FINRCA_INGEST_FAILED_DIR="$work/failed" \
  FINRCA_NOTIFY_ROUTES_FILE="$work/routes.yaml" FINRCA_NOTIFY_WEBHOOK_SECRET="benchmark-secret-0123456789abcdef0123"
log "finrca run"
/usr/bin/time -f '%e %M' -o "$work/time" "$finrca_bin" run --json > "$work/summary.json"
read -r wall rss_kb < "$work/time"
python3 - "$work/summary.json" "$wall" "$rss_kb" "$(wc -l < "$work/hook.log")" <<'PYTHON'
import json, sys
summary = json.load(open(sys.argv[1])); wall = float(sys.argv[2]); rss = int(sys.argv[3]) / 1024; received = int(sys.argv[4])
files = summary["files"]; timings = summary["timings"]; notify = summary["notify"]
print(f"scan of {files[0]['rows_loaded']:,} rows ({files[0]['outcome']}, moved to archive: {files[0]['moved_to'].endswith(files[0]['file'])})")
print(f"  wall time       {wall:8.2f} s   (finrca's own: {summary['seconds']:.2f} s)")
print(f"  ingest          {timings['ingest']:8.2f} s")
print(f"  detect          {timings['detect']:8.2f} s   ({summary['findings_total']:,} findings, {summary['alerts_queued']} alerts queued)")
print(f"  notify          {timings['notify']:8.2f} s   ({notify['delivered']} delivered, {received} received by the webhook receiver)")
print(f"  peak RSS        {rss:8.1f} MB")
if notify["delivered"] != summary["alerts_queued"] or received != summary["alerts_queued"]:
    sys.exit("not every queued alert was delivered")
PYTHON
