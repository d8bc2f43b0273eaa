#!/usr/bin/env bash
# schemathesis (PyPI) against `finrca serve`'s own /openapi.json with an admin's access token: every check
# (5xx, status codes, content types, headers, response schemas, negative/positive data, auth), all phases.
# Target: zero 5xx and zero schema violations.
#
#   Benchmarks/load/schemathesis.sh   (FINRCA_BIN: finrca binary, default .build/release/finrca; ROWS: sample rows,
#                                      default 20000; EXAMPLES: schemathesis -n, default 50; SEED: default 42;
#                                      CHECKS: schemathesis -c, default all; EXTRA: more schemathesis options)
#
# Set-up as in load-lib.sh (the token belongs to `bench`, an admin, so the admin routes are exercised too). The
# sign-in routes answer 429 once schemathesis has used up the address's bucket; that answer is documented. The
# full report (JUnit and NDJSON) is copied to .test-artifacts/schemathesis.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$FINRCA_ROOT"
source "$FINRCA_ROOT/Benchmarks/bench-lib.sh"
source "$FINRCA_ROOT/Benchmarks/load/load-lib.sh"
command -v schemathesis >/dev/null || python3 -m pip install -q --disable-pip-version-check schemathesis
export ROWS="${ROWS:-20000}"
load_setup schemathesis
log "schemathesis $(python3 -c 'import schemathesis; print(schemathesis.__version__)') against $base/openapi.json"
status=0
# shellcheck disable=SC2086
schemathesis run "$base/openapi.json" --url "$base" -H "$auth" --checks "${CHECKS:-all}" \
  -n "${EXAMPLES:-50}" --seed "${SEED:-42}" --workers 2 --no-color --request-timeout 30 \
  --generation-database none --report junit,ndjson --report-dir "$work/report" ${EXTRA:-} > "$work/schemathesis.txt" 2>&1 || status=$?
mkdir -p .test-artifacts/schemathesis
cp -r "$work/report/." .test-artifacts/schemathesis/ 2>/dev/null || true
cp "$work/schemathesis.txt" .test-artifacts/schemathesis/output.txt
tail -n 60 "$work/schemathesis.txt"
echo "schemathesis exit status: $status"
exit "$status"
