"""Reference comparison of `finrca iforest` with scikit-learn's IsolationForest on the 17 ODDS outlier sets.

For each set: X is written to a CSV; both implementations are trained and scored on all rows (the usual ODDS
protocol) for each seed; the table shows ROC-AUC (labels y: 1 = outlier) and the fit+score wall time, both
averaged over the seeds. scikit-learn runs in this process with its defaults (n_jobs=None: one core); finrca
runs as a child process, and its fit and score times are the ones it prints on stderr. The child's whole wall
time (start-up, CSV read and write included) is shown as well.

Python is only the reference here: finrca itself never runs Python.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np
import scipy.io
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score

DATASETS = [
    "arrhythmia", "cardio", "glass", "ionosphere", "letter", "lympho", "mnist", "musk", "optdigits",
    "pendigits", "pima", "satellite", "satimage-2", "shuttle", "vertebral", "vowels", "wbc",
]
AUC_TOLERANCE = 0.005
TIMING = re.compile(r"fit ([0-9.eE+-]+) s, score ([0-9.eE+-]+) s")


def sklearn_run(X, y, seed):
    """AUC and fit+score seconds of scikit-learn's IsolationForest with its defaults (max_samples='auto')."""
    start = time.perf_counter()
    forest = IsolationForest(n_estimators=100, max_samples="auto", random_state=seed).fit(X)
    scores = -forest.score_samples(X)
    seconds = time.perf_counter() - start
    return roc_auc_score(y, scores), seconds


def finrca_run(binary, csv, out, y, seed):
    """AUC, reported fit+score seconds and whole process seconds of `finrca iforest`."""
    command = [binary, "iforest", "--train", csv, "--test", csv, "--out", out, "--seed", str(seed)]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    process_seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()}")
    timing = TIMING.search(result.stderr)
    if timing is None:
        sys.exit(f"no timing line on stderr of {' '.join(command)}: {result.stderr.strip()!r}")
    scores = np.loadtxt(out, dtype=np.float64, ndmin=1)
    if len(scores) != len(y):
        sys.exit(f"{out}: {len(scores)} scores for {len(y)} rows")
    return roc_auc_score(y, scores), float(timing.group(1)) + float(timing.group(2)), process_seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True, help="finrca executable (anything accepting `iforest --train …`)")
    parser.add_argument("--data", required=True, help="folder with the ODDS .mat files")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    args = parser.parse_args()

    # Warm up scikit-learn so the first data set does not pay for its lazy imports.
    IsolationForest(n_estimators=10, random_state=0).fit(np.random.default_rng(0).random((300, 3)))

    header = (f"{'data set':<11} {'rows':>6} {'cols':>4} | {'AUC finrca':>10} {'sklearn':>8} {'diff':>7} | "
              f"{'fit+score s finrca':>18} {'sklearn':>8} {'speed-up':>8} | {'finrca process s':>16}")
    print(f"Isolation Forest, 100 trees, subsample min(256, n), seeds {args.seeds}; means over the seeds")
    print(header)
    print("-" * len(header))
    rows = []
    with tempfile.TemporaryDirectory(prefix="finrca-odds-") as work:
        for name in DATASETS:
            path = os.path.join(args.data, f"{name}.mat")
            if not os.path.exists(path):
                print(f"{name:<11} skipped: {path} not found")
                continue
            mat = scipy.io.loadmat(path)
            X = np.asarray(mat["X"], dtype=np.float64)
            y = np.asarray(mat["y"]).ravel().astype(int)
            csv = os.path.join(work, f"{name}.csv")
            np.savetxt(csv, X, fmt="%.17g", delimiter=",")
            out = os.path.join(work, f"{name}.scores")
            reference = np.array([sklearn_run(X, y, seed) for seed in args.seeds])
            candidate = np.array([finrca_run(args.bin, csv, out, y, seed) for seed in args.seeds])
            auc, seconds, process = candidate.mean(axis=0)
            reference_auc, reference_seconds = reference.mean(axis=0)
            rows.append((auc, reference_auc, seconds, reference_seconds, process))
            print(f"{name:<11} {X.shape[0]:>6} {X.shape[1]:>4} | {auc:>10.4f} {reference_auc:>8.4f} "
                  f"{auc - reference_auc:>+7.4f} | {seconds:>18.4f} {reference_seconds:>8.4f} "
                  f"{reference_seconds / seconds:>7.1f}x | {process:>16.4f}")
    if not rows:
        sys.exit("no data set found")
    auc, reference_auc, seconds, reference_seconds, process = np.array(rows).mean(axis=0)
    print("-" * len(header))
    print(f"{f'mean of {len(rows)}':<23} | {auc:>10.4f} {reference_auc:>8.4f} {auc - reference_auc:>+7.4f} | "
          f"{seconds:>18.4f} {reference_seconds:>8.4f} {reference_seconds / seconds:>7.1f}x | {process:>16.4f}")
    close = abs(auc - reference_auc) <= AUC_TOLERANCE
    faster = seconds < reference_seconds
    print(f"targets: mean AUC within {AUC_TOLERANCE} of scikit-learn's: {'met' if close else 'NOT met'}; "
          f"fit+score faster than scikit-learn's: {'met' if faster else 'NOT met'}")


if __name__ == "__main__":
    main()
