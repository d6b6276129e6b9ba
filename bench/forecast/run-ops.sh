#!/usr/bin/env bash
# Operations traces (issue 15): the Dashboard Forecaster, naive, seasonal naive, R forecast::ets and
# forecast::thetaf on every trace's three rolling origins, as ../shared/datasets/README.md's protocol says.
# Usage: bench/forecast/run-ops.sh [OPS_TRACES_DIR]   (R_CSV=path reuses R's forecasts from an earlier run)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
DATA=${1:-/work/shared/datasets/ops-traces}
source "$HERE/prelude.sh"
dotnet build -c Release "$HERE/ForecastBench" -v q -nologo | grep -E ' error |warn' || true
BENCH="$HERE/ForecastBench/bin/Release/net10.0/ForecastBench.dll"
if [[ -n "${R_CSV:-}" ]]; then
  echo "== R: reusing $R_CSV"
else
  R_CSV=$WORK/ops-r-forecasts.csv
  dotnet "$BENCH" ops-prepare --data "$DATA" --out "$WORK/ops-train.csv"
  echo "== R forecast::ets and forecast::thetaf ($(nproc) cores)"
  Rscript "$HERE/ops.R" "$WORK/ops-train.csv" "$R_CSV" "$(nproc)"
fi

echo "== Dashboard Forecaster and baselines"
dotnet "$BENCH" ops --data "$DATA" --r "$R_CSV" --out "$HERE/results"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
