#!/usr/bin/env bash
# Runs every test against real parts: installs and starts the private PostgreSQL cluster when needed,
# builds finrca (debug, with tests) and runs the whole suite. The UK council data tests use ../shared/data
# when it is present and say they skipped when it is not.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$FINRCA_ROOT"

command -v swift >/dev/null || die "swift is not on PATH (this machine kind ships it at /opt/swift)"
# libcurl for the SMTP channel; aiosmtpd and openssl for the real SMTP server the email tests start;
# systemd-analyze for the unit checks; openapi-spec-validator (PyPI) checks the API's OpenAPI document
apt_install libcurl4-openssl-dev python3-aiosmtpd openssl systemd
# headless Chromium, its driver and Selenium for the web app's end-to-end test; node for its unit tests
apt_install chromium chromium-driver python3-selenium
command -v node >/dev/null || apt_install nodejs
python3 -c 'import openapi_spec_validator' 2>/dev/null || python3 -m pip install -q --disable-pip-version-check openapi-spec-validator
FINRCA_TEST_DATABASE_URL="${FINRCA_TEST_DATABASE_URL:-$(bash scripts/pg-start.sh)}"
export FINRCA_TEST_DATABASE_URL
# two more clusters for the sharded-ledger test; it skips (saying so) when they cannot start
FINRCA_TEST_SHARD_DATABASE_URLS="${FINRCA_TEST_SHARD_DATABASE_URLS:-$(bash scripts/pg-shards.sh || log "extra clusters did not start; the sharded-ledger test will skip")}"
export FINRCA_TEST_SHARD_DATABASE_URLS

log "checking the format (swift format lint --strict, configuration in .swift-format)"
swift format lint --strict --recursive --parallel Sources Tests Package.swift \
  || die "swift format found problems: run 'swift format format --in-place --recursive Sources Tests Package.swift' and fix what it cannot"

log "building (debug, with tests)"
swift build --build-tests
log "running tests against $FINRCA_TEST_DATABASE_URL"
swift test --skip-build --parallel
log "web app: unit tests (node --test WebApp/tests)"
(cd WebApp && node --test tests/)
log "web app: end-to-end in headless Chromium (screenshots in .test-artifacts/web)"
bash scripts/web-e2e.sh
