# Shared settings for finrca's scripts. Source it; do not run it.
# The private PostgreSQL cluster lives inside the repository (git-ignored) and listens on loopback only.
FINRCA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FINRCA_PG_PORT="${FINRCA_PG_PORT:-54329}"
FINRCA_PG_DIR="${FINRCA_PG_DIR:-$FINRCA_ROOT/.pgdata}"
FINRCA_PG_DATA="$FINRCA_PG_DIR/data"
FINRCA_PG_RUN="$FINRCA_PG_DIR/run"
FINRCA_PG_LOG="$FINRCA_PG_DIR/postgresql.log"
FINRCA_PG_URL="postgres://finrca@127.0.0.1:${FINRCA_PG_PORT}/finrca"

log() { printf '[finrca] %s\n' "$*" >&2; }
die() { printf '[finrca] error: %s\n' "$*" >&2; exit 1; }

# apt_install PKG...: installs Debian packages that are missing (needs root or sudo).
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} from Debian"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# pg_bin: directory of the newest installed PostgreSQL server binaries.
pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/pg_ctl" ] && echo "$d"
}

# as_pg CMD...: PostgreSQL refuses to run as root; when we are root, run as the 'postgres' system user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
