#!/usr/bin/env bash
# 200 wrong passwords in 10 s from one address against `finrca serve`, while wrk reads GET /dashboard with a valid
# token: the flood must get 429s, and /dashboard must keep ≥ 50 % of the rate it had without the flood, measured
# in the same run just before.
#
#   Benchmarks/load/login-flood.sh    (FINRCA_BIN: finrca binary, default .build/release/finrca; ROWS: sample rows,
#                                      default 100000; FLOOD: attempts, default 200; FLOOD_SECONDS: default 10;
#                                      LIMITS=off: the sign-in limits raised out of the way, for comparison)
#
# Set-up as in load-lib.sh. wrk -t2 -c32 for FLOOD_SECONDS on /dashboard without the flood (after a 2 s warm-up),
# then the same wrk with flood.py sending the attempts (user bench, evenly paced, each in its own thread).
# Prints both rates, their ratio, and the flood's answers by status.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$FINRCA_ROOT"
source "$FINRCA_ROOT/Benchmarks/bench-lib.sh"
source "$FINRCA_ROOT/Benchmarks/load/load-lib.sh"
flood="${FLOOD:-200}"
seconds="${FLOOD_SECONDS:-10}"
if [ "${LIMITS:-on}" = off ]; then
  export FINRCA_SERVER_LIMITS_AUTH_BURST=1000 FINRCA_SERVER_LIMITS_AUTH_PER_MINUTE=6000
  export FINRCA_SERVER_LIMITS_PASSWORD_HASHES=256
fi
load_setup flood
log "limits: $(env | grep '^FINRCA_SERVER_LIMITS_' | tr '\n' ' ' || true)(others default)"

rate_of() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
non2xx_of() { awk '/Non-2xx or 3xx responses:/ {print $5}' "$1"; }

wrk -t2 -c32 -d2s -H "$auth" "$base/dashboard" >/dev/null
log "unloaded: wrk -t2 -c32 -d${seconds}s GET /dashboard"
wrk -t2 -c32 -d"${seconds}s" -H "$auth" "$base/dashboard" > "$work/unloaded.txt"
log "loaded: the same, with $flood wrong passwords in ${seconds}s"
python3 "$FINRCA_ROOT/Benchmarks/load/flood.py" "$base" bench "$flood" "$seconds" > "$work/flood.txt" &
flood_pid=$!
wrk -t2 -c32 -d"${seconds}s" -H "$auth" "$base/dashboard" > "$work/loaded.txt"
wait "$flood_pid"

unloaded="$(rate_of "$work/unloaded.txt")"
loaded="$(rate_of "$work/loaded.txt")"
ratio="$(echo "$loaded / $unloaded" | bc -l)"
printf 'GET /dashboard unloaded: %.0f req/s (non-2xx: %s)\n' "$unloaded" "$(non2xx_of "$work/unloaded.txt" || true)"
printf 'GET /dashboard during the flood: %.0f req/s (non-2xx: %s)\n' "$loaded" "$(non2xx_of "$work/loaded.txt" || true)"
printf 'ratio: %.2f (target >= 0.50)\n' "$ratio"
echo "flood of $flood POST /login: $(cat "$work/flood.txt")"
grep -q '429=' "$work/flood.txt" && echo "429s: yes" || echo "429s: none"
if [ "$(echo "$ratio >= 0.50" | bc -l)" = 1 ]; then echo "target met"; else echo "target not met"; fi
