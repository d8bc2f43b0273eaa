#!/usr/bin/env bash
# Stops finrca's private PostgreSQL cluster (fast shutdown). Data in .pgdata/ is kept;
# pass --purge to delete it as well.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

bin=$(pg_bin) || die "no PostgreSQL server binaries installed"
if [ -s "$FINRCA_PG_DATA/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$FINRCA_PG_DATA" status >/dev/null 2>&1; then
  as_pg "$bin/pg_ctl" -D "$FINRCA_PG_DATA" -m fast -w stop >/dev/null
  log "private cluster stopped"
else
  log "private cluster is not running"
fi
if [ "${1:-}" = "--purge" ]; then
  rm -rf "$FINRCA_PG_DIR"
  log "removed $FINRCA_PG_DIR"
fi
