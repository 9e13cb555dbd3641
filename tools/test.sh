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
dotnet_log="$results/dotnet.log"
dotnet test Walrus.slnx -c Release --filter "$filter" --verbosity minimal 2>&1 | tee "$dotnet_log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# Sum forge's closing line and the per-assembly summary lines of dotnet test.
test_projects=$(find tests -name '*.Tests.csproj' -not -path '*/bin/*' -not -path '*/obj/*' | wc -l)
node "$root/tools/sum-test-results.js" "$forge_log" "$dotnet_log" "$test_projects" || status=1
exit $status
