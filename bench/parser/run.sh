#!/usr/bin/env bash
# Exposition parsing: Dashboard's parser (BenchmarkDotNet) and its peers on the same file,
# back to back on the same machine. Usage: bench/parser/run.sh [file]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
FILE=${1:-$HERE/data/node_exporter.prom}

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== expfmt (Go $(go version | cut -d' ' -f3), Debian golang-github-prometheus-common-dev)"
"$HERE/peers/go/build.sh"
"$HERE/peers/go/expfmt-bench" "$FILE"

echo "== parse-prometheus-text-format (npm, node $(node --version))"
(cd "$HERE/peers/node" && npm ci --no-audit --no-fund --silent)
node "$HERE/peers/node/bench.js" "$FILE"

echo "== Dashboard ExpositionParser (BenchmarkDotNet)"
dotnet run -c Release --project "$HERE/ParserBench" -- --filter '*' --job short --envVars "EXPOSITION_FILE:$FILE" \
  | grep -E '^\| |^// .*samples'
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
