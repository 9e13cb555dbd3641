#!/usr/bin/env bash
# Installs what is missing, then runs every test suite: the Solidity contracts (forge test) and the .NET
# projects (dotnet test). Ends with one line summing all suites: "N passed, N failed, N skipped".
# Long soak and scale tests carry [Trait("Category","Slow")] and run only with WALRUS_SLOW_TESTS=1.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
"$root/tools/setup.sh" || exit 1

results="$root/artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"
status=0

echo "== forge test (contracts/)"
forge_log="$results/forge.log"
(cd contracts && ../tools/node_modules/.bin/forge test >"$forge_log" 2>&1) || status=1
grep -E "^(Ran |Suite result|\[FAIL|Failing tests|Encountered|Error)" "$forge_log"

echo "== dotnet test (Walrus.slnx)"
filter="Category!=Slow"
[ "${WALRUS_SLOW_TESTS:-}" = "1" ] && filter="FullyQualifiedName!=none"
dotnet test Walrus.slnx -c Release --filter "$filter" --logger "trx" --results-directory "$results" \
  --verbosity minimal || status=1

# Sum the forge summary line ("Ran N test suites ...: P tests passed, F failed, S skipped") and every
# TRX file's counters.
node "$root/tools/sum-test-results.js" "$forge_log" "$results" || status=1
exit $status
