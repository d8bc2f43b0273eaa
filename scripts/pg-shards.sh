#!/usr/bin/env bash
# Starts two more private clusters for the sharded-ledger test (year partitions as postgres_fdw foreign tables on
# other servers): data in .pgdata/shard-PORT/, 127.0.0.1 only, ports $FINRCA_SHARD_PORTS (default "54330 54331").
# Idempotent, like pg-start.sh. Prints the two database URLs on one line, separated by a space
# (export it as FINRCA_TEST_SHARD_DATABASE_URLS); exits non-zero when a cluster cannot start.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

urls=()
for port in ${FINRCA_SHARD_PORTS:-54330 54331}; do
  urls+=("$(FINRCA_PG_DIR="$FINRCA_ROOT/.pgdata/shard-$port" FINRCA_PG_PORT="$port" bash "$FINRCA_ROOT/scripts/pg-start.sh")")
done
echo "${urls[*]}"
