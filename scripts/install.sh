#!/usr/bin/env bash
# Installs finrca as a service: the binary, the web app (PREFIX/share/finrca/web, which `finrca serve` finds
# beside its binary), the systemd units, /etc/finrca (configuration, alert routes, mapping profiles, a secrets
# template) and /var/lib/finrca (inbox, archive, failed, dashboard).
#
#   scripts/install.sh [--root DIR] [--prefix DIR] [--binary PATH]
#
#   --root DIR     install everything under DIR (default /). Anything but / is a staging root: no user is
#                  created, nothing is chowned and systemctl is not called.
#   --prefix DIR   where the binary goes, DIR/bin/finrca (default /usr/local); the units are rewritten to match.
#   --binary PATH  install this finrca executable instead of building one with `swift build -c release`.
#
# Rerunning it is safe: the binary and the units are replaced, but an existing config.yaml, routes.yaml,
# scan.env, api.env or mapping profile is never overwritten. Nothing is enabled or started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# usage [STATUS]: prints the comment block above and exits.
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit "${1:-0}"; }

root="/" prefix="/usr/local" binary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="${2:?--root needs a directory}"; shift 2 ;;
    --prefix) prefix="${2:?--prefix needs a directory}"; shift 2 ;;
    --binary) binary="${2:?--binary needs a path}"; shift 2 ;;
    -h|--help) usage ;;
    *) printf 'unknown option: %s\n\n' "$1" >&2; usage 1 ;;
  esac
done
case "$prefix" in /*) ;; *) die "--prefix must be an absolute path: $prefix" ;; esac
prefix="${prefix%/}"
mkdir -p "$root"
dest="$(cd "$root" && pwd)"          # absolute; "/" becomes "" so that "$dest/etc" is "/etc"
[ "$dest" = "/" ] && dest=""
live=false                           # installing onto this machine's own file system
[ -z "$dest" ] && live=true
if $live && [ "$(id -u)" -ne 0 ]; then
  die "installing into / needs root (run with sudo, or use --root DIR for a staging root)"
fi

# The binary: given, or a fresh release build.
if [ -z "$binary" ]; then
  command -v swift >/dev/null || die "swift is not on PATH; build elsewhere and pass --binary PATH"
  log "building finrca (release)"
  (cd "$FINRCA_ROOT" && swift build -c release)
  binary="$FINRCA_ROOT/.build/release/finrca"
fi
[ -f "$binary" ] && [ -x "$binary" ] || die "not an executable file: $binary"

bindir="$prefix/bin"
etc="/etc/finrca"
state="/var/lib/finrca"
log "installing into ${dest:-/} (binary in $bindir)"

install -D -m 0755 "$binary" "$dest$bindir/finrca"

# The web app: its served files only (not its tests), replaced as a whole so no stale file is left behind.
web="$dest$prefix/share/finrca/web"
rm -rf "$web.tmp"
install -d -m 0755 "$web.tmp"
(cd "$FINRCA_ROOT/WebApp" && find index.html favicon.svg css js vendor -type f) | while read -r file; do
  install -D -m 0644 "$FINRCA_ROOT/WebApp/$file" "$web.tmp/$file"
done
rm -rf "$web"
mv "$web.tmp" "$web"
log "installed the web app into ${web#"$dest"}"

# Units: the files in systemd/ name /usr/local/bin/finrca; another prefix is substituted.
install -d -m 0755 "$dest/etc/systemd/system"
for unit in "$FINRCA_ROOT"/systemd/*.service "$FINRCA_ROOT"/systemd/*.timer; do
  target="$dest/etc/systemd/system/$(basename "$unit")"
  sed "s|/usr/local/bin/finrca|$bindir/finrca|g" "$unit" >"$target.tmp"
  chmod 0644 "$target.tmp"
  mv -f "$target.tmp" "$target"
done

# install_new MODE TARGET: installs standard input as TARGET unless TARGET exists (an operator's file).
install_new() {
  local mode="$1" target="$2"
  if [ -e "$target" ]; then
    log "kept existing ${target#"$dest"}"
    cat >/dev/null
    return 0
  fi
  cat >"$target.tmp"
  chmod "$mode" "$target.tmp"
  mv "$target.tmp" "$target"
  log "wrote ${target#"$dest"}"
}

# set_value KEY VALUE: sets a key directly under a top-level section ("  key: value  # comment"), keeping
# the comment. Fails when the example has no such line, so a renamed key cannot go unnoticed.
config_text=""
set_value() {
  local key="$1" value="$2"
  grep -Eq "^  $key:" <<<"$config_text" || die "config/finrca.example.yaml has no '$key:' line; update scripts/install.sh"
  config_text="$(sed -E "s|^  $key:[[:space:]]*[^[:space:]#]*|  $key: $value|" <<<"$config_text")"
}

install -d -m 0750 "$dest$etc" "$dest$etc/mappings"
config_text="$(cat "$FINRCA_ROOT/config/finrca.example.yaml")"
set_value mappings_dir "$etc/mappings"
set_value dashboard_dir "$state/dashboard"
set_value routes_file "$etc/routes.yaml"
# ingest.inbox_dir is set only when the example (and so the binary) knows it: unknown keys are rejected.
grep -Eq '^  inbox_dir:' <<<"$config_text" && set_value inbox_dir "$state/inbox"
{
  printf '# Installed by scripts/install.sh from config/finrca.example.yaml; paths point at the installed locations.\n'
  printf '# Secrets go in %s/scan.env and api.env, never here.\n' "$etc"
  printf '%s\n' "$config_text"
} | install_new 0640 "$dest$etc/config.yaml"
install_new 0640 "$dest$etc/routes.yaml" <"$FINRCA_ROOT/config/routes.example.yaml"
for mapping in "$FINRCA_ROOT"/config/mappings/*.yaml; do
  install_new 0640 "$dest$etc/mappings/$(basename "$mapping")" <"$mapping"
done
# One secrets file per unit, each with only what that unit uses: the network-facing API never holds the SMTP
# password or the webhook secrets, and the scan never holds the token-signing key.
install_new 0600 "$dest$etc/scan.env" <<'EOF'
# Secrets of finrca-scan.service (systemd EnvironmentFile=; read by systemd as root). Keep it mode 0600, owner root.
# One NAME=value per line, no quotes, no "export". Uncomment and fill in the ones you use.
#FINRCA_DATABASE_PASSWORD=
#FINRCA_NOTIFY_WEBHOOK_SECRET=
#FINRCA_NOTIFY_SMTP_PASSWORD=
EOF
install_new 0600 "$dest$etc/api.env" <<'EOF'
# Secrets of finrca-api.service (systemd EnvironmentFile=; read by systemd as root). Keep it mode 0600, owner root.
# One NAME=value per line, no quotes, no "export". Uncomment and fill in the ones you use.
#FINRCA_DATABASE_PASSWORD=
#FINRCA_SERVER_JWT_SECRET=
#OPENROUTER_API_KEY=
EOF
if [ -f "$dest$etc/finrca.env" ]; then
  log "warning: $etc/finrca.env (one file for both units) is no longer read: move its secrets into $etc/scan.env and $etc/api.env, then delete it"
fi

# State: operators drop files into the inbox, so it is group-writable and setgid (files stay in group finrca).
install -d -m 0750 "$dest$state" "$dest$state/archive" "$dest$state/failed" "$dest$state/dashboard"
install -d -m 2770 "$dest$state/inbox"

if ! $live; then
  log "staging root ${dest}: skipped creating the finrca user, chown and systemctl daemon-reload"
  log "done"
  exit 0
fi

if ! getent group finrca >/dev/null; then
  groupadd --system finrca
  log "created group finrca"
fi
if ! getent passwd finrca >/dev/null; then
  useradd --system --gid finrca --home-dir "$state" --no-create-home --shell /usr/sbin/nologin finrca
  log "created system user finrca"
fi
chown finrca:finrca "$state" "$state/inbox" "$state/archive" "$state/failed" "$state/dashboard"
chown root:finrca "$etc" "$etc/mappings" "$etc/config.yaml" "$etc/routes.yaml" "$etc"/mappings/*.yaml
chown root:root "$etc/scan.env" "$etc/api.env"
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  log "systemd reloaded"
else
  log "systemd is not running here: skipped systemctl daemon-reload"
fi
cat >&2 <<EOF
[finrca] done. Next:
  1. edit $etc/config.yaml (database.url at least) and $etc/routes.yaml
  2. put secrets in $etc/scan.env (database, webhook, SMTP) and $etc/api.env (database, JWT signing key)
  3. systemctl enable --now finrca-scan.timer finrca-api.service
  Operators in group finrca (usermod -aG finrca NAME) can drop ledger files into $state/inbox.
EOF
