#!/usr/bin/env bash
# Checks the service files: installs finrca into a temporary root with scripts/install.sh, runs
# `systemd-analyze verify` on every installed unit, then uninstalls (and purges) that root again.
# Prints one line per check ("ok ..." or "FAIL ...") and exits 1 if any check failed.
#
#   scripts/verify-systemd.sh [FINRCA_BINARY]     (default .build/release/finrca, else .build/debug/finrca)
#
# systemd need not be running: `systemd-analyze verify` loads the units into an offline manager.
# --root makes it resolve everything inside the temporary root, including the ExecStart= binary (which must
# exist and be executable) and systemd's own units the ours depend on (sysinit.target, timers.target, ...),
# so the host's systemd unit directory is copied into the root first.
#
# verify exits 0 on some problems it only warns about (an unknown key or section, a bad value it ignores),
# so its output counts too: any line that names one of our units or our binary is a failure. Lines about the
# host's own units are shown but do not fail the check: they are not ours to fix.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

binary="${1:-}"
case "$binary" in ""|/*) ;; *) binary="$PWD/$binary" ;; esac   # relative to where we were started
cd "$FINRCA_ROOT"
if [ -z "$binary" ]; then
  for candidate in .build/release/finrca .build/debug/finrca; do
    [ -x "$candidate" ] && { binary="$candidate"; break; }
  done
  [ -n "$binary" ] || die "no finrca binary: build one (swift build) or pass its path"
fi
command -v systemd-analyze >/dev/null || die "systemd-analyze is not on PATH (Debian: apt-get install systemd)"
host_units=""
for d in /usr/lib/systemd/system /lib/systemd/system; do
  [ -f "$d/sysinit.target" ] && { host_units="$d"; break; }
done
[ -n "$host_units" ] || die "systemd's unit directory (with sysinit.target) was not found"

root="$(mktemp -d "${TMPDIR:-/tmp}/systemd-verify.XXXXXX")"
trap 'rm -rf "$root"' EXIT
failures=0
result() {  # result ok|FAIL TEXT [DETAILS]
  printf '%s %s\n' "$1" "$2"
  [ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/    /'
  [ "$1" = ok ] || failures=$((failures + 1))
  return 0
}

bash scripts/install.sh --root "$root" --binary "$binary" 2>"$root.install.log" \
  || { cat "$root.install.log" >&2; rm -f "$root.install.log"; die "install.sh failed"; }
rm -f "$root.install.log"
mkdir -p "$root/usr/lib/systemd/system"
cp -a "$host_units/." "$root/usr/lib/systemd/system/"

for source in systemd/*.service systemd/*.timer; do
  unit="$(basename "$source")"
  if [ ! -f "$root/etc/systemd/system/$unit" ]; then
    result FAIL "$unit: not installed"
    continue
  fi
  status=0
  output="$(SYSTEMD_LOG_COLOR=0 systemd-analyze verify --man=no --generators=no --root="$root" \
    "/etc/systemd/system/$unit" 2>&1)" || status=$?
  ours="$(grep -E 'finrca-(scan|api)\.|/bin/finrca' <<<"$output" || true)"
  if [ "$status" -ne 0 ] || [ -n "$ours" ]; then
    result FAIL "$unit: systemd-analyze verify (exit $status)" "$output"
  else
    result ok "$unit: systemd-analyze verify" "$output"
  fi
done

# The check itself must catch a broken unit: an unknown key only produces a warning and exit 0.
sed 's/^\[Service\]$/[Service]\nNoSuchSetting=1/' systemd/finrca-api.service >"$root/etc/systemd/system/finrca-broken.service"
output="$(SYSTEMD_LOG_COLOR=0 systemd-analyze verify --man=no --generators=no --root="$root" \
  /etc/systemd/system/finrca-broken.service 2>&1)" || true
if grep -q 'NoSuchSetting' <<<"$output"; then
  result ok "self-check: a unit with an unknown key is reported"
else
  result FAIL "self-check: systemd-analyze verify did not report an unknown key" "$output"
fi
rm -f "$root/etc/systemd/system/finrca-broken.service"

bash scripts/uninstall.sh --root "$root" >/dev/null 2>&1 || result FAIL "uninstall.sh failed"
left=""
for f in usr/local/bin/finrca etc/systemd/system/finrca-scan.service etc/systemd/system/finrca-scan.timer \
  etc/systemd/system/finrca-api.service; do
  [ -e "$root/$f" ] && left="$left /$f"
done
if [ -z "$left" ] && [ -f "$root/etc/finrca/config.yaml" ] && [ -d "$root/var/lib/finrca/inbox" ]; then
  result ok "uninstall: binary and units removed, /etc/finrca and /var/lib/finrca kept"
else
  result FAIL "uninstall: left$left; or removed configuration or state it must keep"
fi
bash scripts/uninstall.sh --root "$root" --purge >/dev/null 2>&1 || result FAIL "uninstall.sh --purge failed"
if [ ! -e "$root/etc/finrca" ] && [ ! -e "$root/var/lib/finrca" ]; then
  result ok "uninstall --purge: /etc/finrca and /var/lib/finrca removed"
else
  result FAIL "uninstall --purge: /etc/finrca or /var/lib/finrca is still there"
fi

if [ "$failures" -ne 0 ]; then
  log "$failures check(s) failed"
  exit 1
fi
log "all checks passed"
