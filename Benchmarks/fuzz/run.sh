#!/usr/bin/env bash
# Fuzzes the ingest path that reads untrusted bytes (CSV reader, transcoder, field parsers, mapping resolution)
# with libFuzzer, for a set time, and turns every crashing, hanging or invariant-breaking input into a regression
# fixture of Tests/IngestorTests.
#
#   Benchmarks/fuzz/run.sh SECONDS [libFuzzer flags...]
#
# The sources are compiled with `swiftc -sanitize=fuzzer,address` into one module (their imports of Shared,
# Ingestor and Yams removed; the Schema range comes from Schema+Fuzz.swift). An input is decoded by
# Tests/IngestorTests/FuzzCase.swift: byte 0 picks one of its mapping profiles, byte 1 the read size, the rest is
# the file; a Swift trap, an ASan report or a broken invariant (COPY rows vs control totals, 33 columns, UTF-8,
# fiscal year and period ranges) stops the run and libFuzzer saves the input.
#
# Seeds: Benchmarks/fuzz/seeds (taken from the ingest tests' cases) and the fixtures in
# Tests/IngestorTests/Fixtures/fuzz. The corpus grows in .build/fuzz/corpus and is kept between runs.
# Each finding is minimised (60 s) and copied to Tests/IngestorTests/Fixtures/fuzz/KIND-HASH.input; fix the code,
# then `FINRCA_RECORD_FUZZ_EXPECTATIONS=1 swift test --filter FuzzRegressionTests` writes KIND-HASH.expected
# (read it: it must say the row is rejected or the file refused, with line, column and reason).
#
# Environment: FINRCA_BUILD_LOCK (a file: the compile runs under `flock` on it), FUZZ_NICE (default 10).
# Exit code: 0 when the run ended without a finding, 1 when it saved one, 2 on a usage or build error.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$FINRCA_ROOT"
[[ "${1:-}" =~ ^[0-9]+$ ]] || { echo "usage: Benchmarks/fuzz/run.sh SECONDS [libFuzzer flags...]" >&2; exit 2; }
seconds="$1"
shift
out=".build/fuzz"
fixtures="Tests/IngestorTests/Fixtures/fuzz"
mkdir -p "$out/corpus" "$out/artifacts" "$fixtures"
rm -rf "$out/src" "$out/seeds" "$out/artifacts"/*
mkdir -p "$out/src" "$out/seeds"

grep -q 'static let fiscalYears = 1900\.\.\.2999' Sources/Shared/Database/Schema.swift \
  || { echo "Schema.fiscalYears changed: update Benchmarks/fuzz/Schema+Fuzz.swift" >&2; exit 2; }

sources=(
  Sources/Shared/FinanceExpenseColumn.swift Sources/Shared/DebitCredit.swift Sources/Shared/FiscalPeriod.swift
  Sources/Shared/Money.swift Sources/Shared/UTF8Index.swift Sources/Shared/Vocabulary/LedgerDimension.swift
  Sources/Ingestor/CSV/*.swift Sources/Ingestor/Transcode/*.swift
  Sources/Ingestor/Mapping/MappingProfile.swift Sources/Ingestor/Mapping/MappingProfile+BuiltIn.swift
  Sources/Ingestor/Mapping/TranscodePlan.swift
  Tests/IngestorTests/FuzzCase.swift Benchmarks/fuzz/FuzzMain.swift Benchmarks/fuzz/Schema+Fuzz.swift
)
for file in "${sources[@]}"; do
  sed -E '/^(public |internal |@testable )?import (Shared|Ingestor|Yams)$/d' "$file" >"$out/src/$(basename "$file")"
done
binary="$out/fuzz-ingest"
compile=(swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name FuzzIngest -o "$binary" "$out"/src/*.swift)
digest="$(cat "$out"/src/*.swift | sha256sum | cut -c1-64)"
if [ -x "$binary" ] && [ "$(cat "$out/src.sha256" 2>/dev/null)" = "$digest" ]; then
  log "the fuzzer is up to date with the sources"
else
  log "compiling the fuzzer (${#sources[@]} files; log in $out/compile.log)"
  rm -f "$out/src.sha256"
  compiled=0
  if [ -n "${FINRCA_BUILD_LOCK:-}" ]; then
    flock -o "$FINRCA_BUILD_LOCK" "${compile[@]}" >"$out/compile.log" 2>&1 || compiled=$?
  else
    "${compile[@]}" >"$out/compile.log" 2>&1 || compiled=$?
  fi
  # the linker warns about every ASan symbol it cannot export; show only what is not that
  grep -v "Cannot export local symbol" "$out/compile.log" >&2 || true
  [ "$compiled" = 0 ] || exit 2
  echo "$digest" >"$out/src.sha256"
fi

cp Benchmarks/fuzz/seeds/* "$out/seeds/"
for input in "$fixtures"/*.input; do
  [ -e "$input" ] && cp "$input" "$out/seeds/fixture-$(basename "$input")"
done

log "fuzzing for $seconds s (corpus $out/corpus: $(ls "$out/corpus" | wc -l) inputs)"
export SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:handle_abort=1
set +e
nice -n "${FUZZ_NICE:-10}" "$binary" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -detect_leaks=0 -artifact_prefix="$out/artifacts/" "$@" "$out/corpus" "$out/seeds" \
  >"$out/last-run.log" 2>&1
status=$?
set -e
[ "$status" = 0 ] || status=1
# the run's log is .build/fuzz/last-run.log; its first and last lines and the statistics:
grep -E '^INFO: seed corpus|^#[0-9]+ +(INITED|DONE)|^Done|^stat::' "$out/last-run.log" || true
log "corpus: $(ls "$out/corpus" | wc -l) inputs, $(du -sk "$out/corpus" | cut -f1) KiB"

found=0
for artifact in "$out"/artifacts/crash-* "$out"/artifacts/timeout-* "$out"/artifacts/oom-*; do
  [ -e "$artifact" ] || continue
  found=1
  kind="$(basename "$artifact" | cut -d- -f1)"
  minimized="$out/artifacts/minimized-$(basename "$artifact")"
  "$binary" -minimize_crash=1 -max_total_time=60 -timeout=10 -exact_artifact_path="$minimized" "$artifact" \
    >"$out/artifacts/minimize.log" 2>&1 || true
  [ -s "$minimized" ] || minimized="$artifact"
  name="$kind-$(sha256sum "$minimized" | cut -c1-12)"
  cp "$minimized" "$fixtures/$name.input"
  log "new regression fixture $fixtures/$name.input ($(wc -c <"$minimized") bytes, from $artifact)"
  grep -m1 -E 'Fatal error|ERROR: AddressSanitizer|ERROR: libFuzzer|runtime failure' "$out/last-run.log" >&2 || true
done
if [ "$found" = 1 ]; then
  log "fix the code, then: FINRCA_RECORD_FUZZ_EXPECTATIONS=1 swift test --filter FuzzRegressionTests"
  exit 1
fi
exit "$status"
