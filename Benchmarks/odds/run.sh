#!/usr/bin/env bash
# Compares finrca's Isolation Forest with scikit-learn's on the 17 ODDS outlier sets (ROC-AUC and fit+score
# time; see odds.py). Python and scikit-learn are the reference only; finrca never runs them.
#
#   Benchmarks/odds/run.sh [--seeds 0 1 2 3 4]
#
# FINRCA_BIN: the finrca executable (default .build/release/finrca, relative to the repository root).
# ODDS_DIR:   the folder with the .mat files (default ../shared/data/odds_mat_pyod, relative to the root).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
binary="${FINRCA_BIN:-.build/release/finrca}"
data="${ODDS_DIR:-../shared/data/odds_mat_pyod}"

if [ ! -x "$binary" ]; then
    echo "odds: no finrca executable at $binary (run swift build -c release, or set FINRCA_BIN)" >&2
    exit 1
fi
if [ ! -d "$data" ]; then
    echo "odds: skipped, the ODDS data folder $data does not exist (set ODDS_DIR)" >&2
    exit 0
fi
if ! python3 -c 'import numpy, scipy' 2>/dev/null; then
    echo "odds: python3 with numpy and scipy is required" >&2
    exit 1
fi
if ! python3 -c 'import sklearn' 2>/dev/null; then
    echo "odds: installing scikit-learn (the reference implementation)" >&2
    python3 -m pip install --quiet scikit-learn
fi

exec python3 Benchmarks/odds/odds.py --bin "$binary" --data "$data" "$@"
