# Sourced by run-accuracy.sh and run-ops.sh: the work folder, R with the forecast package (Debian's
# r-cran-forecast, installed when missing) and the machine's state at the start. Expects HERE to be set.
WORK=$HERE/../../.state/bench/forecast
mkdir -p "$WORK"

if ! Rscript -e 'library(forecast)' >/dev/null 2>&1; then
  echo "== installing R and forecast (Debian r-cran-forecast)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends r-cran-forecast >/dev/null
fi

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
