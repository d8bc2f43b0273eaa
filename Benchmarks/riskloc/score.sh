#!/usr/bin/env bash
# Scores `finrca rca-case` on the RiskLoc RS cases, as RiskLoc scores root-cause sets.
#
# For every case in labels.csv it runs the command on the case CSV, takes the last stdout line as the predicted
# root-cause set (Squeeze form: elements joined by ';', pairs by '&'), and compares it with the label: per case
# TP = predicted elements equal to a true element (as sets of pairs), FP = the other predicted elements,
# FN = true elements not predicted. It prints per-case TP/FP/FN and seconds, then
# F1 = 2·ΣTP / (2·ΣTP + ΣFP + ΣFN) over all cases and over the first and second half of labels.csv,
# and the mean and max seconds per case (wall time of the whole process).
#
# Environment:
#   FINRCA_BIN     finrca binary (default .build/release/finrca, relative to the package root)
#   RCA_COMMAND    full command to run instead of "$FINRCA_BIN rca-case" (the case path is appended)
#   RISKLOC_CASES  directory holding labels.csv and cases/ (default ../shared/data/riskloc_rs_cases,
#                  relative to the package root)
# Exit status: 0 when every case ran; 1 when the inputs are missing or a case fails (it stops there).
set -euo pipefail

package_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$package_root"
finrca_bin="${FINRCA_BIN:-.build/release/finrca}"
command="${RCA_COMMAND:-$finrca_bin rca-case}"
cases_dir="${RISKLOC_CASES:-../shared/data/riskloc_rs_cases}"

if [[ -z "${RCA_COMMAND:-}" && ! -x "$finrca_bin" ]]; then
    echo "score.sh: $finrca_bin not found (swift build -c release, or set FINRCA_BIN / RCA_COMMAND)" >&2
    exit 1
fi
if [[ ! -f "$cases_dir/labels.csv" ]]; then
    echo "score.sh: $cases_dir/labels.csv not found (set RISKLOC_CASES)" >&2
    exit 1
fi

exec python3 - "$cases_dir" "$command" <<'PYTHON'
import csv, shlex, subprocess, sys, time

cases_dir, command = sys.argv[1], shlex.split(sys.argv[2])

def elements(text):
    """The set of elements of a Squeeze-form line, each a frozenset of (dimension, value) pairs."""
    text = text.strip()
    if not text:
        return set()
    return {frozenset(tuple(p.strip().split("=", 1)) for p in element.split("&")) for element in text.split(";")}

def f1(rows):
    tp, fp, fn = (sum(r[i] for r in rows) for i in (1, 2, 3))
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0

with open(f"{cases_dir}/labels.csv", newline="", encoding="utf-8") as handle:
    labels = list(csv.DictReader(handle))

rows = []
print(f"{'case':40s} {'TP':>3s} {'FP':>3s} {'FN':>3s} {'seconds':>8s}  predicted | label")
for label in labels:
    start = time.perf_counter()
    run = subprocess.run(command + [f"{cases_dir}/{label['file']}"], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        message = (run.stderr.strip().splitlines() or [""])[0]
        sys.exit(f"score.sh: {' '.join(command)} failed on {label['case']} (exit {run.returncode}): {message}")
    lines = run.stdout.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    predicted_line = lines[-1] if lines else ""
    predicted, truth = elements(predicted_line), elements(label["label"])
    tp = len(predicted & truth)
    row = (label["case"], tp, len(predicted) - tp, len(truth) - tp, seconds)
    rows.append(row)
    print(f"{row[0]:40s} {row[1]:3d} {row[2]:3d} {row[3]:3d} {seconds:8.4f}  {predicted_line} | {label['label']}")

half = len(rows) // 2
total_tp, total_fp, total_fn = (sum(r[i] for r in rows) for i in (1, 2, 3))
times = [r[4] for r in rows]
print(f"cases {len(rows)}  TP {total_tp}  FP {total_fp}  FN {total_fn}")
print(f"F1 {f1(rows):.4f}  (first half {f1(rows[:half]):.4f}, second half {f1(rows[half:]):.4f})")
print(f"seconds per case: mean {sum(times) / len(times):.4f}, max {max(times):.4f}")
PYTHON
