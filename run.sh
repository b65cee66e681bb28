#!/usr/bin/env bash
# Runs Myna with the demo municipality (石巻市, 042021) on SQLite files under ./data/.
# Prints the address and the demo staff accounts when it is ready. Set MYNA_URLS to change the address.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh run
export MYNA_HOME="$PWD"
# Say what happens while it happens: the first build takes a few minutes on a small machine, and the first
# start then creates keys, databases and the demo's people before the host answers.
echo "Myna: building (the first build takes a few minutes; later starts are quick) …"
dotnet build src/Myna.Web -c Release -nologo -v minimal -clp:NoSummary
echo "Myna: starting; the first start also prepares the demo (keys, databases, 2,000 residents per municipality, cards and windows) …"
exec dotnet run --project src/Myna.Web -c Release --no-build -- --demo --urls "${MYNA_URLS:-http://localhost:5080}"
