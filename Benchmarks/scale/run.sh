#!/usr/bin/env bash
# What a nightly detector run costs as history grows (issue 14): for a generated three-year ledger of ROWS lines
# (seed 42, 2022-01 … 2024-12), the full `finrca detect` run on the first 35 months, then the last month loaded as
# a new batch (≈ 1/36 of the lines) and the next `finrca detect` run. Wall time and peak RSS (GNU time) of each run.
#
#   Benchmarks/scale/run.sh prepare ROWS   generate the file, split it, build the base database (history loaded)
#   Benchmarks/scale/run.sh measure ROWS   clone the base database, full run, load the new month, next run
#   Benchmarks/scale/run.sh drop ROWS      drop the base database (and its detected copy)
#   Benchmarks/scale/run.sh detected ROWS  clone the base database and run a full `finrca detect` on the clone once
#                                          (finrca_scale_ROWS_detected, kept): what NEXT_ONLY=1 measures from
#
# NEXT_ONLY=1 measure ROWS: skip the full run; clone the detected copy instead of the base, load the new month and
# time only the next (incremental) run. The detected copy's findings and recorded batches are those of the binary
# that made it (rebuild it with `detected` when a change alters what a full run stores).
#
# FINRCA_BIN: the finrca binary (default .build/release/finrca); LABEL: what it is (printed); FINRCA_PG_PORT: the
# private cluster.
# Files stay in .bench/scale (git-ignored); the base database finrca_scale_ROWS stays between runs, so a large ledger
# is prepared once (in its own locked step) and measured with several binaries. With a binary that knows
# `detect --incremental`, the first run is a full run and the second `detect --incremental`; with an older one both
# are the same full run. Each measurement runs on a fresh copy of the base (`createdb --template`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$FINRCA_ROOT"
step="${1:?usage: run.sh prepare|measure|detected|drop ROWS}"
rows="${2:?usage: run.sh prepare|measure|detected|drop ROWS}"
finrca_bin="${FINRCA_BIN:-.build/release/finrca}"
[ -x "$finrca_bin" ] || die "$finrca_bin not found (swift build -c release, or set FINRCA_BIN)"
[ -x /usr/bin/time ] || apt_install time
server_url="$(bash scripts/pg-start.sh)"
bin="$(pg_bin)"
admin=(-h 127.0.0.1 -p "$FINRCA_PG_PORT" -U finrca)
dir=".bench/scale"
base="finrca_scale_$rows"
run="finrca_scale_${rows}_run"
detected="finrca_scale_${rows}_detected"
history="$dir/gl-$rows-history.csv"
month="$dir/gl-$rows-2024-12.csv"
export FINRCA_LOG_LEVEL=warning
mkdir -p "$dir"

# timed LABEL CMD...: runs CMD under GNU time; prints "LABEL  wall s  peak RSS MB" and keeps CMD's stdout in $dir/LABEL.out.
timed() {
  local label="$1"
  shift
  /usr/bin/time -f '%e %M' -o "$dir/$label.time" "$@" > "$dir/$label.out"
  read -r wall rss_kb < "$dir/$label.time"
  printf '  %-28s %8.2f s   peak RSS %7.1f MB\n' "$label" "$wall" "$(echo "$rss_kb / 1024" | bc -l)"
}

case "$step" in
prepare)
  whole="$dir/gl-$rows.csv"
  if [ ! -f "$history" ] || [ ! -f "$month" ]; then
    if [ ! -f "$whole" ]; then
      log "generating $rows rows"
      timed "generate-$rows" "$finrca_bin" generate --rows "$rows" --seed 42 --out "$whole.partial"
      mv "$whole.partial" "$whole"
    fi
    # Row i is in period ⌊36·i/N⌋ (SampleGenerator): the last month starts at row ⌈35·N/36⌉ (line that + 2).
    first=$(((35 * rows + 35) / 36))
    log "splitting at data row $first: history ${first} lines, new month $((rows - first)) lines"
    head -n "$((first + 1))" "$whole" > "$history.partial"
    { head -n 1 "$whole"; tail -n "+$((first + 2))" "$whole"; } > "$month.partial"
    mv "$history.partial" "$history"
    mv "$month.partial" "$month"
    rm -f "$whole"
  fi
  "$bin/dropdb" "${admin[@]}" --if-exists --force "$base"
  "$bin/createdb" "${admin[@]}" "$base"
  export FINRCA_DATABASE_URL="${server_url%/*}/$base"
  "$finrca_bin" migrate > /dev/null
  echo "prepare $rows rows: history $(($(wc -l < "$history") - 1)) lines, new month $(($(wc -l < "$month") - 1)) lines"
  timed "ingest-history-$rows" "$finrca_bin" ingest --json "$history"
  ;;
detected)
  "$bin/psql" -X -q "${admin[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$base'" | grep -q 1 \
    || die "no base database $base (run.sh prepare $rows first)"
  "$bin/dropdb" "${admin[@]}" --if-exists --force "$detected"
  "$bin/createdb" "${admin[@]}" --template "$base" "$detected"
  export FINRCA_DATABASE_URL="${server_url%/*}/$detected"
  echo "detected $rows rows with $finrca_bin (${LABEL:-unlabelled}), $(nproc) cores"
  timed "detect-full-$rows" "$finrca_bin" detect --json
  ;;
measure)
  from="$base"
  [ "${NEXT_ONLY:-0}" = 1 ] && from="$detected"
  "$bin/psql" -X -q "${admin[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$from'" | grep -q 1 \
    || die "no database $from (run.sh prepare $rows first; with NEXT_ONLY=1, run.sh detected $rows)"
  "$bin/dropdb" "${admin[@]}" --if-exists --force "$run"
  "$bin/createdb" "${admin[@]}" --template "$from" "$run"
  export FINRCA_DATABASE_URL="${server_url%/*}/$run"
  trap '"$bin/dropdb" "${admin[@]}" --if-exists --force "$run" 2>/dev/null || true' EXIT
  next=(detect --json)
  # grep reads all of the help (no -q): under pipefail, a grep that quit at the first match could end finrca with
  # SIGPIPE and make the test false (the 20M measurement's second run was a full run that way).
  if "$finrca_bin" detect --help 2>&1 | grep -- '--incremental' > /dev/null; then next=(detect --incremental --json); fi
  echo "measure $rows rows with $finrca_bin (${LABEL:-unlabelled}), $(nproc) cores"
  [ "${NEXT_ONLY:-0}" = 1 ] || timed "detect-full-$rows" "$finrca_bin" detect --json
  timed "ingest-month-$rows" "$finrca_bin" ingest --json "$month"
  timed "detect-next-$rows" "$finrca_bin" "${next[@]}"
  reports=("full" "$dir/detect-full-$rows.out" "next" "$dir/detect-next-$rows.out")
  [ "${NEXT_ONLY:-0}" = 1 ] && reports=("next" "$dir/detect-next-$rows.out")
  python3 - "${reports[@]}" <<'PYTHON'
import json, sys
for label, path in zip(sys.argv[1::2], sys.argv[2::2]):
    report = json.load(open(path))
    steps = sorted(report["timings"].items(), key=lambda kv: -kv[1])[:6]
    print(f"  {label}: {report['rows_scanned']:,} lines read, {sum(report['findings_by_kind'].values())} findings;"
          f" steps: " + ", ".join(f"{k} {v:.2f}" for k, v in steps))
PYTHON
  ;;
drop)
  "$bin/dropdb" "${admin[@]}" --if-exists --force "$detected"
  "$bin/dropdb" "${admin[@]}" --if-exists --force "$base"
  ;;
*) die "unknown step $step (prepare, measure, detected, drop)" ;;
esac
