#!/usr/bin/env bash
# Held-out check of the partition search's parameters on Squeeze B0 cases.
#
# Runs score.sh once per point of a grid over the three parameters of the partition search (risk threshold
# 0.3/0.5/0.7, minimum cause share 0.005/0.01/0.02/0.05, extreme leaves skipped 2/5/10; the defaults are
# RiskLoc's 0.5/0.02/5), then for each direction chooses the point with the best micro F1 on one half of the cases
# (score.sh's halves: within each setting, cases in timestamp order, even positions = A, odd = B) and reports its
# F1 on the other half. When several points tie on the choosing half, the defaults are taken if among them, else
# the first in grid order; the worst other-half F1 among the tied points is printed too.
#
# Environment: FINRCA_BIN and SQUEEZE_CASES as for score.sh. Takes about 36 × the time of one score.sh run.
set -euo pipefail

package_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$package_root"
finrca_bin="${FINRCA_BIN:-.build/release/finrca}"
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

for risk in 0.3 0.5 0.7; do
    for share in 0.005 0.01 0.02 0.05; do
        for skip in 2 5 10; do
            RCA_COMMAND="$finrca_bin rca-case --risk-threshold $risk --minimum-cause-share $share --extreme-leaves-skipped $skip" \
                Benchmarks/squeeze/score.sh > "$results/$risk,$share,$skip.txt"
        done
    done
done

exec python3 - "$results" <<'PYTHON'
import os, sys

results = sys.argv[1]

def f1(rows):
    tp, fp, fn = (sum(r[i] for r in rows) for i in (1, 2, 3))
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0

grid = {}
for name in sorted(os.listdir(results), key=lambda n: tuple(float(x) for x in n[:-4].split(","))):
    rows = []
    with open(os.path.join(results, name), encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 6 and parts[1] in ("A", "B") and "/" in parts[0]:
                rows.append((parts[1], int(parts[2]), int(parts[3]), int(parts[4])))
    grid[name[:-4]] = rows

def score(point, half):
    return f1([r for r in grid[point] if half is None or r[0] == half])

defaults = "0.5,0.02,5"
print("risk,share,skip      F1 all   half A   half B")
for point in grid:
    print(f"{point:18s}  {score(point, None):.4f}   {score(point, 'A'):.4f}   {score(point, 'B'):.4f}")
for chosen_on, scored_on in (("A", "B"), ("B", "A")):
    best = max(score(p, chosen_on) for p in grid)
    tied = [p for p in grid if score(p, chosen_on) == best]
    point = defaults if defaults in tied else tied[0]
    print(f"chosen on half {chosen_on}: {point} (F1 {best:.4f} there, {len(tied)} points tied) -> "
          f"half {scored_on} F1 {score(point, scored_on):.4f}; worst among the tied {min(score(p, scored_on) for p in tied):.4f}")
PYTHON
