#!/usr/bin/env bash
# Installs everything Walrus.NET needs on a fresh machine: the pinned npm tools (forge, anvil, solc-js,
# OpenZeppelin, the reference encoder for tests) and the NuGet packages. Each step is skipped when its
# inputs have not changed since it last ran, so a second run takes well under a second.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
quiet=${1:-}
say() { [ "$quiet" = "--quiet" ] || echo "setup: $*"; }
need() { command -v "$1" >/dev/null 2>&1 || { echo "setup: '$1' is required but not installed ($2)" >&2; exit 1; }; }

need dotnet "install the .NET 10 SDK"
need node "install Node.js 20 or later"
need npm "install npm"

# A step's stamp holds the hash of its inputs; the step runs again only when they change.
stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

# 1. npm tools in tools/ (npm ci installs exactly the lock file's versions).
npm_hash=$(sha256sum "$root/tools/package-lock.json" | cut -d' ' -f1)
npm_stamp="$root/tools/node_modules/.walrus-setup"
if ! stamp_ok "$npm_stamp" "$npm_hash"; then
  say "installing pinned npm tools in tools/ (forge, anvil, solc-js, OpenZeppelin)"
  (cd "$root/tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$npm_hash" >"$npm_stamp"
fi

# 2. NuGet packages for every project of the solution.
nuget_hash=$(cd "$root" && find . -path ./tools/node_modules -prune -o \( -name '*.csproj' -o -name 'Directory.*.props' -o -name 'global.json' -o -name '*.slnx' \) -print | sort | xargs cat | sha256sum | cut -d' ' -f1)
nuget_stamp="$root/artifacts/.nuget-restored"
if ! stamp_ok "$nuget_stamp" "$nuget_hash"; then
  say "restoring NuGet packages"
  (cd "$root" && dotnet restore Walrus.slnx --verbosity quiet)
  mkdir -p "$root/artifacts" && echo "$nuget_hash" >"$nuget_stamp"
fi
say "ready"
