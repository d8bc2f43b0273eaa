#!/usr/bin/env bash
# Removes what scripts/install.sh installed: stops and disables the units, deletes the binary and the units.
#
#   scripts/uninstall.sh [--root DIR] [--prefix DIR] [--purge]
#
#   --root DIR     the root given to install.sh (default /). Anything but / is a staging root: systemctl,
#                  userdel and groupdel are not called.
#   --prefix DIR   the prefix given to install.sh (default /usr/local).
#   --purge        also delete /etc/finrca (configuration, secrets), /var/lib/finrca (inbox, archive, failed,
#                  dashboard), the units' drop-ins and, on /, the finrca user and group. Without it they are kept.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# usage [STATUS]: prints the comment block above and exits.
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit "${1:-0}"; }

root="/" prefix="/usr/local" purge=false
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="${2:?--root needs a directory}"; shift 2 ;;
    --prefix) prefix="${2:?--prefix needs a directory}"; shift 2 ;;
    --purge) purge=true; shift ;;
    -h|--help) usage ;;
    *) printf 'unknown option: %s\n\n' "$1" >&2; usage 1 ;;
  esac
done
[ -d "$root" ] || die "no such directory: $root"
prefix="${prefix%/}"
dest="$(cd "$root" && pwd)"
[ "$dest" = "/" ] && dest=""
live=false
[ -z "$dest" ] && live=true
if $live && [ "$(id -u)" -ne 0 ]; then
  die "uninstalling from / needs root (run with sudo, or use --root DIR for a staging root)"
fi
units=(finrca-scan.timer finrca-scan.service finrca-api.service)
systemd_running=false
$live && [ -d /run/systemd/system ] && systemd_running=true

if $systemd_running; then
  log "stopping and disabling ${units[*]}"
  systemctl disable --now finrca-scan.timer finrca-api.service 2>/dev/null || true
  systemctl stop finrca-scan.service 2>/dev/null || true
elif $live; then
  log "systemd is not running here: skipped stopping the units"
fi

rm -f "$dest$prefix/bin/finrca"
for unit in "${units[@]}"; do rm -f "$dest/etc/systemd/system/$unit"; done
log "removed ${dest}$prefix/bin/finrca and the units from ${dest}/etc/systemd/system"

if $systemd_running; then
  systemctl daemon-reload
  systemctl reset-failed "${units[@]}" 2>/dev/null || true
fi

if $purge; then
  rm -rf "$dest/etc/finrca" "$dest/var/lib/finrca"
  for unit in "${units[@]}"; do rm -rf "$dest/etc/systemd/system/$unit.d"; done   # `systemctl edit` drop-ins
  log "purged ${dest}/etc/finrca and ${dest}/var/lib/finrca"
  if $live && getent passwd finrca >/dev/null; then
    userdel finrca
    log "removed user finrca"
  fi
  if $live && getent group finrca >/dev/null; then
    groupdel finrca
    log "removed group finrca"
  fi
else
  log "kept ${dest}/etc/finrca and ${dest}/var/lib/finrca (use --purge to delete them)"
fi
log "done"
