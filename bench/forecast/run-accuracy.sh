#!/usr/bin/env bash
# M4 Hourly accuracy: R forecast::ets and the Dashboard Forecaster (plus naive baselines) on the same
# 414 series in one run. Usage: bench/forecast/run-accuracy.sh [M4_HOURLY_DIR]
# ETS_CSV=path reuses ets forecasts from an earlier run instead of refitting (about 10 min on 2 cores).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
DATA=${1:-/work/shared/datasets/m4-hourly}
source "$HERE/prelude.sh"
if [[ -n "${ETS_CSV:-}" ]]; then
  echo "== R ets: reusing $ETS_CSV"
else
  ETS_CSV=$WORK/ets-forecasts.csv
  echo "== R forecast::ets on $DATA/Hourly-train.csv ($(nproc) cores)"
  Rscript "$HERE/ets.R" "$DATA/Hourly-train.csv" "$ETS_CSV" "$(nproc)"
fi

echo "== Dashboard Forecaster and baselines"
dotnet build -c Release "$HERE/ForecastBench" -v q -nologo | grep -E ' error |warn' || true
dotnet "$HERE/ForecastBench/bin/Release/net10.0/ForecastBench.dll" accuracy \
  --data "$DATA" --ets "$ETS_CSV" --out "$HERE/results"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
