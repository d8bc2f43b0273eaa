#!/usr/bin/env bash
# The detector alone, on a settled ledger: each build loads the same ROWS-line file (seed 42) into a database of its
# own, `VACUUM ANALYZE` settles it (hint bits set, autovacuum has nothing left to do), then `finrca detect` runs
# ROUNDS times per build, alternating (ABBA). `finrca bench detect` runs detect right after the load, when the first
# scan sets hint bits and autovacuum may start at any moment; this isolates the detector's own cost.
#
#   Benchmarks/detect-compare/steady.sh [--rounds N] [--rows N] BASE_BIN BRANCH_BIN
#
# With BENCH_LOCK set, the loads and each base/branch pair of detects run under `flock -o $BENCH_LOCK`. Prints every
# run's wall time (GNU time) and steps, then per figure each build's mean and the ratio branch / base.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

rounds=3 rows=1000000
while [ $# -gt 2 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --rows) rows="$2"; shift 2 ;;
    *) die "unknown option $1" ;;
  esac
done
[ $# -eq 2 ] || die "usage: $0 [--rounds N] [--rows N] BASE_BIN BRANCH_BIN"
base_bin="$(realpath "$1")" branch_bin="$(realpath "$2")"
[ -x /usr/bin/time ] || apt_install time
server_url="$(bash "$FINRCA_ROOT/scripts/pg-start.sh")"
pg="$(pg_bin)"
admin=(-h 127.0.0.1 -p "$FINRCA_PG_PORT" -U finrca)
dir="${COMPARE_DIR:-/tmp/finrca-detect-compare}"
mkdir -p "$dir/steady"
stamp="$(date -u +%Y%m%dT%H%M%S)"
export FINRCA_LOG_LEVEL=warning
locked() { if [ -n "${BENCH_LOCK:-}" ]; then flock -o "$BENCH_LOCK" "$@"; else "$@"; fi; }
binary() { if [ "$1" = base ]; then echo "$base_bin"; else echo "$branch_bin"; fi; }
url() { echo "${server_url%/*}/finrca_steady_$1"; }

file="$dir/steady/gl-$rows.csv"
[ -s "$file" ] || "$base_bin" generate --rows "$rows" --seed 42 --out "$file" > /dev/null
load() {
  local label="$1" bin
  bin="$(binary "$label")"
  "$pg/dropdb" "${admin[@]}" --if-exists --force "finrca_steady_$label"
  "$pg/createdb" "${admin[@]}" "finrca_steady_$label"
  FINRCA_DATABASE_URL="$(url "$label")" "$bin" migrate > /dev/null
  FINRCA_DATABASE_URL="$(url "$label")" "$bin" ingest --json "$file" > /dev/null
  "$pg/psql" "${admin[@]}" -d "finrca_steady_$label" -X -q -c "VACUUM ANALYZE finance_expense"
}
detect() {
  local label="$1" round="$2" out="$dir/steady/$stamp-r$2-$1"
  FINRCA_DATABASE_URL="$(url "$label")" /usr/bin/time -f "%e %M" -o "$out.time" "$(binary "$label")" detect --json \
    > "$out.json"
  log "round $round $label: $(cut -d' ' -f1 "$out.time") s"
}
pair() {
  if [ $(($2 % 2)) -eq 1 ]; then detect base "$2"; detect branch "$2"; else detect branch "$2"; detect base "$2"; fi
}
export -f load detect pair binary url log die
export base_bin branch_bin server_url pg dir stamp file FINRCA_PG_PORT
export admin_string="${admin[*]}"
for label in base branch; do locked bash -c "admin=(\$admin_string); load $label"; done
for round in $(seq 1 "$rounds"); do locked bash -c "admin=(\$admin_string); pair x $round"; done

python3 - "$dir/steady" "$stamp" <<'PY'
import json, sys
from pathlib import Path
folder, stamp = Path(sys.argv[1]), sys.argv[2]
figures = {"base": {}, "branch": {}}
for path in sorted(folder.glob(f"{stamp}-r*-*.json")):
    label = path.stem.rsplit("-", 1)[1]
    timings = json.loads(path.read_text())["timings"]
    wall, rss = path.with_suffix(".time").read_text().split()
    timings["wall"] = float(wall)
    timings["peak RSS MB"] = int(rss) / 1024
    for name, value in timings.items():
        figures[label].setdefault(name, []).append(value)
print("\ndetect on a settled ledger: figure, base runs | branch runs | base mean, branch mean, ratio branch/base")
for name in sorted(figures["base"], key=lambda n: (n != "wall", -sum(figures["base"][n]))):
    base, branch = figures["base"][name], figures["branch"].get(name, [])
    if not branch:
        continue
    mb, mr = sum(base) / len(base), sum(branch) / len(branch)
    runs = lambda values: " / ".join(f"{v:.2f}" for v in values)
    print(f"  {name:<18} {runs(base):>22} | {runs(branch):<22} {mb:7.2f} {mr:7.2f}  {mr / mb if mb else float('nan'):5.2f}×")
PY
