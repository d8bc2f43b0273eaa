#!/usr/bin/env bash
# Scores `finrca rca-case` on Squeeze B0 cases, as the RiskLoc and Squeeze papers score root-cause sets.
#
# The cases directory holds one folder per setting (B_cuboid_layer_{1,2,3}_n_ele_{1,2,3}), each with
# injection_info.csv (column `set` = the injected root-cause set in Squeeze form, `timestamp` = the case) and one
# <timestamp>.csv.gz per case. For every case the command runs on the gzipped file directly; the last stdout line
# is the predicted set. Per case TP = predicted elements equal to a true element (as sets of pairs), FP = the other
# predicted elements, FN = true elements not predicted. It prints per-case TP/FP/FN and seconds, then micro
# F1 = 2·ΣTP / (2·ΣTP + ΣFP + ΣFN) per setting and over all cases, the same over the two halves used for the
# held-out check (within each setting, cases in timestamp order: even positions = half A, odd = half B), and the
# mean and max seconds per case (wall time of the whole process: start, gunzip, parse, search, print), and, when
# the command reports them on stderr (`rca-case --timing`, the default), the in-process seconds spent reading
# (gunzip + parse) and searching.
#
# Environment:
#   FINRCA_BIN     finrca binary (default .build/release/finrca, relative to the package root)
#   RCA_COMMAND    full command to run instead of "$FINRCA_BIN rca-case --timing" (the case path is appended)
#   SQUEEZE_CASES  directory of the setting folders (default ../shared/data/squeeze_B0_train/B0, relative to the
#                  package root)
# Exit status: 0 when every case ran; 1 when the inputs are missing or a case fails (it stops there).
set -euo pipefail

package_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$package_root"
finrca_bin="${FINRCA_BIN:-.build/release/finrca}"
command="${RCA_COMMAND:-$finrca_bin rca-case --timing}"
cases_dir="${SQUEEZE_CASES:-../shared/data/squeeze_B0_train/B0}"

if [[ -z "${RCA_COMMAND:-}" && ! -x "$finrca_bin" ]]; then
    echo "score.sh: $finrca_bin not found (swift build -c release, or set FINRCA_BIN / RCA_COMMAND)" >&2
    exit 1
fi
if ! compgen -G "$cases_dir/*/injection_info.csv" > /dev/null; then
    echo "score.sh: no $cases_dir/*/injection_info.csv (set SQUEEZE_CASES)" >&2
    exit 1
fi

exec python3 - "$cases_dir" "$command" <<'PYTHON'
import csv, os, re, shlex, subprocess, sys, time

cases_dir, command = sys.argv[1], shlex.split(sys.argv[2])

def elements(text):
    """The set of elements of a Squeeze-form line, each a frozenset of (dimension, value) pairs."""
    text = text.strip()
    if not text:
        return set()
    return {frozenset(tuple(p.strip().split("=", 1)) for p in element.split("&")) for element in text.split(";")}

def f1(rows):
    tp, fp, fn = (sum(r[i] for r in rows) for i in (2, 3, 4))
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0

rows = []
in_process = []
print(f"{'case':40s} {'half':4s} {'TP':>3s} {'FP':>3s} {'FN':>3s} {'seconds':>8s}  predicted | label")
for setting in sorted(os.listdir(cases_dir)):
    info = os.path.join(cases_dir, setting, "injection_info.csv")
    if not os.path.isfile(info):
        continue
    with open(info, newline="", encoding="utf-8") as handle:
        labels = sorted(csv.DictReader(handle), key=lambda r: r["timestamp"])
    for position, label in enumerate(labels):
        path = os.path.join(cases_dir, setting, f"{label['timestamp']}.csv.gz")
        start = time.perf_counter()
        run = subprocess.run(command + [path], capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if run.returncode != 0:
            message = (run.stderr.strip().splitlines() or [""])[0]
            sys.exit(f"score.sh: {' '.join(command)} failed on {path} (exit {run.returncode}): {message}")
        timing = re.search(r"read ([0-9.]+) s, search ([0-9.]+) s", run.stderr)
        if timing:
            in_process.append((float(timing.group(1)), float(timing.group(2))))
        lines = run.stdout.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        predicted_line = lines[-1] if lines else ""
        predicted, truth = elements(predicted_line), elements(label["set"])
        tp = len(predicted & truth)
        row = (setting, "A" if position % 2 == 0 else "B", tp, len(predicted) - tp, len(truth) - tp, seconds)
        rows.append(row)
        name = f"{setting}/{label['timestamp']}"
        print(f"{name:40s} {row[1]:4s} {tp:3d} {row[3]:3d} {row[4]:3d} {seconds:8.4f}  {predicted_line} | {label['set']}")

print()
for setting in sorted({r[0] for r in rows}):
    part = [r for r in rows if r[0] == setting]
    tp, fp, fn = (sum(r[i] for r in part) for i in (2, 3, 4))
    print(f"setting {setting:28s} cases {len(part):3d}  TP {tp:3d}  FP {fp:3d}  FN {fn:3d}  F1 {f1(part):.4f}")
tp, fp, fn = (sum(r[i] for r in rows) for i in (2, 3, 4))
times = [r[5] for r in rows]
print(f"all cases {len(rows)}  TP {tp}  FP {fp}  FN {fn}")
print(f"micro F1 {f1(rows):.4f}  (half A {f1([r for r in rows if r[1] == 'A']):.4f}, "
      f"half B {f1([r for r in rows if r[1] == 'B']):.4f})")
print(f"seconds per case (whole process): mean {sum(times) / len(times):.4f}, max {max(times):.4f}")
if len(in_process) == len(rows):
    reads, searches = [t[0] for t in in_process], [t[1] for t in in_process]
    print(f"seconds per case (in process): read mean {sum(reads) / len(reads):.4f} max {max(reads):.4f}, "
          f"search mean {sum(searches) / len(searches):.4f} max {max(searches):.4f}")
PYTHON
