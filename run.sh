#!/usr/bin/env bash
# Runs Myna with the demo municipality (石巻市, 042021) on SQLite files under ./data/.
# Prints the address and the demo staff accounts when it is ready. Set MYNA_URLS to change the address.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh run
export MYNA_HOME="$PWD"
exec dotnet run --project src/Myna.Web -c Release -- --demo --urls "${MYNA_URLS:-http://localhost:5080}"
