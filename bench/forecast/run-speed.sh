#!/usr/bin/env bash
# Forecaster throughput: 10,000 synthetic 90-day 5-minute series, Parallel.For on all cores.
# Usage: bench/forecast/run-speed.sh [--series N] [--days D] [--horizon-days H] [--seed S] [--threads T]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build -c Release "$HERE/ForecastBench" -v q -nologo | grep -E ' error |warn' || true
dotnet "$HERE/ForecastBench/bin/Release/net10.0/ForecastBench.dll" speed "$@"
