#!/usr/bin/env bash
# Runs every test: unit, SQLite and PostgreSQL data tests, HTTP tests and Chromium browser tests.
# Installs PostgreSQL, Chromium and a Japanese font when missing, starts a throwaway PostgreSQL
# cluster, and ends with "tests: N passed, N failed[, N skipped]" counted from the test results.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh test

results=.tmp/test-results
rm -rf "$results"
mkdir -p "$results"

pgdir=$(mktemp -d /tmp/myna-pg.XXXXXX)
trap 'scripts/pg-throwaway.sh stop "$pgdir"' EXIT
port=$(( 20000 + RANDOM % 20000 ))
MYNA_TEST_POSTGRES=$(scripts/pg-throwaway.sh start "$pgdir" "$port")
export MYNA_TEST_POSTGRES
export MYNA_CHROMIUM=${MYNA_CHROMIUM:-/usr/bin/chromium}

status=0
dotnet test Myna.slnx -c Release --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0; failed=0; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(( total + $(get total) ))
  passed=$(( passed + $(get passed) ))
  failed=$(( failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted) ))
done
skipped=$(( total - passed - failed ))
if [ "$total" = 0 ] && [ "$status" = 0 ]; then
  echo "no test results found in $results" >&2
  status=1
fi
if [ "$failed" -gt 0 ] && [ "$status" = 0 ]; then status=1; fi
if [ "$skipped" -gt 0 ]; then
  echo "tests: $passed passed, $failed failed, $skipped skipped"
else
  echo "tests: $passed passed, $failed failed"
fi
exit "$status"
