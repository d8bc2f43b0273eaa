#!/usr/bin/env bash
# wrk on a mix of the data routes of `finrca serve` for 60 s: every answer must be 2xx or 3xx.
#
#   Benchmarks/load/data-mix.sh    (FINRCA_BIN: finrca binary, default .build/release/finrca; ROWS: sample rows,
#                                   default 100000; DURATION: wrk's -d, default 60s; CONNECTIONS: default 16)
#
# Set-up as in load-lib.sh. The mix: the documents (/dashboard, /eda, breakdowns, time series, anomalies, charts),
# /findings (newest, by rank, filtered), a finding, its evidence lines and reviews, /findings/counts, /runs,
# /explore/bridge and /explore/lines over the latest two periods, the waterfall of those periods, /me and /rooms.
# wrk sends them in turn (mix.lua), each with the access token. Every route is first checked once with curl.
# Prints the routes, wrk's summary, the count of non-2xx/3xx answers and of socket errors (wrk's timeout is 10 s).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$FINRCA_ROOT"
source "$FINRCA_ROOT/Benchmarks/bench-lib.sh"
source "$FINRCA_ROOT/Benchmarks/load/load-lib.sh"
duration="${DURATION:-60s}"
connections="${CONNECTIONS:-16}"
load_setup mix

periods="$(curl -s -H "$auth" "$base/findings/counts" | python3 -c 'import json, sys; print(" ".join(json.load(sys.stdin)["periods"][:2]))')"
read -r to from <<< "$periods"
[ -n "${from:-}" ] || die "the run has fewer than two periods with findings: $periods"
ids="$(curl -s -H "$auth" "$base/findings?limit=5&sort=rank" | python3 -c 'import json, sys; print(" ".join(str(f["id"]) for f in json.load(sys.stdin)["findings"]))')"
paths=(/dashboard /eda /eda/breakdown/directorate /eda/breakdown/supplier "/eda/timeseries?group_by=fiscal_year"
  "/anomaly/detect?method=all" /anomaly/statistical /charts/trend /charts/heatmap /charts/rca-waterfall
  /findings "/findings?sort=rank&limit=100" "/findings?severity=high" /findings/counts /runs /me /rooms
  "/explore/bridge?from=$from&to=$to" "/explore/bridge?from=$from&to=$to&directorate=Adults"
  "/explore/lines?from=$from&to=$to&limit=100" "/charts/rca-waterfall?from=$from&to=$to&dimension=cost_center")
for id in $ids; do paths+=("/findings/$id" "/findings/$id/lines" "/findings/$id/reviews"); done

log "checking each of ${#paths[@]} routes once"
for path in "${paths[@]}"; do
  status="$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "$base$path")"
  printf '  %s %s\n' "$status" "$path"
  [ "$status" -lt 400 ] || die "$path answered $status"
done

{
  echo "paths = {"
  for path in "${paths[@]}"; do printf '  "%s",\n' "$path"; done
  echo "}"
  cat <<'LUA'
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
LUA
} > "$work/mix.lua"

log "wrk -t2 -c$connections -d$duration --timeout 10s over the mix"
wrk -t2 -c"$connections" -d"$duration" --timeout 10s --latency -s "$work/mix.lua" -H "$auth" "$base" > "$work/mix.txt"
cat "$work/mix.txt"
non2xx="$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$work/mix.txt")"
errors="$(awk '/Socket errors:/ {print}' "$work/mix.txt")"
echo "routes: ${#paths[@]}; non-2xx/3xx answers: ${non2xx:-0}; socket errors: ${errors:-none}"
if [ -z "$non2xx" ] && [ -z "$errors" ]; then echo "target met"; else echo "target not met"; fi
