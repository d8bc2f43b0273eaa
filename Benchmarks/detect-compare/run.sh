#!/usr/bin/env bash
# Compares two finrca builds on the same machine, alternating them so that load from elsewhere falls on both:
# `finrca bench detect --rows ROWS` (wall time, peak RSS, every step the detector times) and, with --ingest,
# `finrca bench ingest --rows ROWS` (psql reference, rows committed, whole command). Prints each run's figures,
# then per figure the mean of each build and the ratio branch / base.
#
#   Benchmarks/detect-compare/run.sh [--rounds N] [--rows N] [--ingest] [--no-detect] BASE_BIN BRANCH_BIN
#
# Round r runs base then branch when r is odd, branch then base when even (ABBA), so a drift in load does not
# favour one build. Each build generates its ledger with its own generator into $COMPARE_DIR/<label>-files
# (kept between runs; default /tmp/finrca-detect-compare); the raw outputs go to $COMPARE_DIR/runs. With
# BENCH_LOCK set, each base/branch pair runs under `flock -o $BENCH_LOCK` (a machine shared with builds).
# The database is the private cluster's (scripts/pg-start.sh, FINRCA_PG_PORT); both builds use its _bench database.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

rounds=2 rows=1000000 ingest=0 detect=1
while [ $# -gt 2 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --rows) rows="$2"; shift 2 ;;
    --ingest) ingest=1; shift ;;
    --no-detect) detect=0; shift ;;
    *) die "unknown option $1" ;;
  esac
done
[ $# -eq 2 ] || die "usage: $0 [--rounds N] [--rows N] [--ingest] [--no-detect] BASE_BIN BRANCH_BIN"
base_bin="$(realpath "$1")" branch_bin="$(realpath "$2")"
[ -x "$base_bin" ] && [ -x "$branch_bin" ] || die "both binaries must exist and be executable"

server_url="$(bash "$FINRCA_ROOT/scripts/pg-start.sh")"
export FINRCA_DATABASE_URL="$server_url" FINRCA_LOG_LEVEL=warning
dir="${COMPARE_DIR:-/tmp/finrca-detect-compare}"
mkdir -p "$dir/runs" "$dir/base-files" "$dir/branch-files"
stamp="$(date -u +%Y%m%dT%H%M%S)"

# run LABEL KIND ROUND: one benchmark of one build; its output is kept as runs/STAMP-rROUND-KIND-LABEL.txt.
run() {
  local label="$1" kind="$2" round="$3" bin
  bin="$base_bin"; [ "$label" = branch ] && bin="$branch_bin"
  local out="$dir/runs/$stamp-r$round-$kind-$label.txt"
  (cd "$dir/$label-files" && "$bin" bench "$kind" --rows "$rows" --workdir . > "$out" 2>&1) \
    || { cat "$out" >&2; die "$label bench $kind failed"; }
  log "round $round $kind $label: $(grep -E 'wall time|whole command' "$out" | head -1 | sed 's/^ *//')"
}

pair() {
  local kind="$1" round="$2" first=base second=branch
  if [ $((round % 2)) -eq 0 ]; then first=branch second=base; fi
  run "$first" "$kind" "$round"
  run "$second" "$kind" "$round"
}

for round in $(seq 1 "$rounds"); do
  for kind in $([ "$detect" = 1 ] && echo detect) $([ "$ingest" = 1 ] && echo ingest); do
    if [ -n "${BENCH_LOCK:-}" ]; then
      export -f run pair log die
      export base_bin branch_bin dir stamp rows
      flock -o "$BENCH_LOCK" bash -c "pair $kind $round"
    else
      pair "$kind" "$round"
    fi
  done
done

python3 "$FINRCA_ROOT/Benchmarks/detect-compare/summarise.py" "$dir/runs" "$stamp"
