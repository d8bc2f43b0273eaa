#!/usr/bin/env bash
# Installs PostgreSQL from Debian when missing, then starts finrca's private cluster:
# data directory .pgdata/ inside the repository, 127.0.0.1 only, port $FINRCA_PG_PORT (default 54329).
# Idempotent: a running cluster is left as it is. Prints the database URL on stdout.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

bin=$(pg_bin) || true
if [ -z "${bin:-}" ]; then
  apt_install postgresql
  bin=$(pg_bin) || die "PostgreSQL server binaries not found under /usr/lib/postgresql after install"
fi

# The test suite runs its tests in parallel; each may hold a fresh database, a server's pool and child
# processes' pools at once (CI saw "too many clients" at 100).
FINRCA_PG_MAX_CONNECTIONS="${FINRCA_PG_MAX_CONNECTIONS:-300}"

mkdir -p "$FINRCA_PG_DIR" "$FINRCA_PG_RUN"
if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$FINRCA_PG_DIR"; fi

if [ ! -s "$FINRCA_PG_DATA/PG_VERSION" ]; then
  log "initialising private cluster in $FINRCA_PG_DATA"
  as_pg "$bin/initdb" -D "$FINRCA_PG_DATA" -U finrca --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >> "$FINRCA_PG_DATA/postgresql.conf" <<CONF
# finrca private cluster: loopback only, own port and socket directory
listen_addresses = '127.0.0.1'
port = $FINRCA_PG_PORT
unix_socket_directories = '$FINRCA_PG_RUN'
shared_buffers = 256MB
max_wal_size = 4GB
checkpoint_timeout = 15min
max_connections = $FINRCA_PG_MAX_CONNECTIONS
CONF
  # trust only on loopback TCP and the private socket; nothing else is accepted
  cat > "$FINRCA_PG_DATA/pg_hba.conf" <<HBA
local   all   all                 trust
host    all   all   127.0.0.1/32  trust
HBA
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$FINRCA_PG_DATA/pg_hba.conf"; fi
fi

# pg_ctl_detached ACTION [OPTIONS]: starts or restarts the server. The server outlives this script: it must not
# keep descriptors it inherited (a lock file held by a caller, a pipe a caller waits on), so everything above
# stderr is closed for it.
pg_ctl_detached() {
  (
    for fd in /proc/self/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-"; done
    as_pg "$bin/pg_ctl" -D "$FINRCA_PG_DATA" -l "$FINRCA_PG_LOG" -w -t 60 "$@" >/dev/null
  ) || { tail -n 20 "$FINRCA_PG_LOG" >&2; die "PostgreSQL did not $1 (log: $FINRCA_PG_LOG)"; }
}

if as_pg "$bin/pg_ctl" -D "$FINRCA_PG_DATA" status >/dev/null 2>&1; then
  log "private cluster already running on 127.0.0.1:$FINRCA_PG_PORT"
else
  log "starting private cluster on 127.0.0.1:$FINRCA_PG_PORT"
  pg_ctl_detached start
fi

# A cluster initialised before the limit was raised gets it now (a restart; only when it is lower)
current=$("$bin/psql" -h 127.0.0.1 -p "$FINRCA_PG_PORT" -U finrca -d postgres -tAc "SHOW max_connections")
served=$("$bin/psql" -h 127.0.0.1 -p "$FINRCA_PG_PORT" -U finrca -d postgres -tAc "SHOW data_directory")
if [ "$(realpath -m "$served")" != "$(realpath -m "$FINRCA_PG_DATA")" ]; then
  # Another cluster answers on this port (FINRCA_PG_PORT given without its FINRCA_PG_DIR): never restart it from here.
  log "port $FINRCA_PG_PORT is served by $served, not $FINRCA_PG_DATA: max_connections left at $current"
elif [ "$current" -lt "$FINRCA_PG_MAX_CONNECTIONS" ]; then
  log "raising max_connections from $current to $FINRCA_PG_MAX_CONNECTIONS (restarts the private cluster)"
  "$bin/psql" -h 127.0.0.1 -p "$FINRCA_PG_PORT" -U finrca -d postgres -qc \
    "ALTER SYSTEM SET max_connections = $FINRCA_PG_MAX_CONNECTIONS"
  pg_ctl_detached restart -m fast
fi

if ! "$bin/psql" -h 127.0.0.1 -p "$FINRCA_PG_PORT" -U finrca -d postgres -tAc \
     "SELECT 1 FROM pg_database WHERE datname = 'finrca'" | grep -q 1; then
  "$bin/createdb" -h 127.0.0.1 -p "$FINRCA_PG_PORT" -U finrca finrca
fi
echo "$FINRCA_PG_URL"
