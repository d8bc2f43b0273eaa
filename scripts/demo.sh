#!/usr/bin/env bash
# One command from a fresh machine to finrca running on built-in sample data:
# installs what is missing (Debian packages), builds the release binary, starts the private PostgreSQL
# cluster, then generate → migrate → ingest → detect, printing the ingest summary and the detector's findings.
# Environment: DEMO_ROWS (default 200000), DEMO_SEED (default 42).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$FINRCA_ROOT"

rows="${DEMO_ROWS:-200000}"
seed="${DEMO_SEED:-42}"

command -v swift >/dev/null || die "swift is not on PATH (this machine kind ships it at /opt/swift)"
apt_install postgresql libcurl4-openssl-dev
log "building finrca (release)"
swift build -c release
bin="$(swift build -c release --show-bin-path)/finrca"

export FINRCA_DATABASE_URL="${FINRCA_DATABASE_URL:-$(bash scripts/pg-start.sh)}"
mkdir -p .demo
log "generating $rows sample rows (seed $seed)"
"$bin" generate --rows "$rows" --seed "$seed" --out .demo/gl-sample.csv --labels .demo/labels.json
"$bin" migrate
log "ingesting .demo/gl-sample.csv"
status=0
"$bin" ingest .demo/gl-sample.csv || status=$?
log "detecting"
"$bin" detect
echo
log "the five most important findings"
"$bin" findings --limit 5
echo
echo "Database: $FINRCA_DATABASE_URL   binary: $bin"
echo "Try:  $bin findings --kind root_cause      $bin rca --from 2024-03 --to 2024-04"
exit "$status"
