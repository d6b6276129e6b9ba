#!/usr/bin/env bash
# Soak of the cluster profile (see README.md): scripts/cluster.sh up, then SoakBench holds 50 pages and
# 1,000 hub clients open through nginx, asks for a forecast every 10 min and reads the API every 10 s
# while the workers ingest; every process is sampled once a minute to processes.csv; analyze.py prints
# the memory slopes and the error counts.
#   bench/soak/run.sh [--minutes 60] [--pages 50] [--clients 1000] [--forecast-every 10]
# Ports: those of scripts/cluster.sh (DASHBOARD_PROXY_PORT ... and stack.sh's DASHBOARD_PG_PORT ...).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
STATE=$REPO/.state/cluster
OUT=$STATE/soak/$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$OUT"

"$REPO/scripts/cluster.sh" up
dotnet build -c Release "$REPO/bench/soak/SoakBench" -nologo -v quiet --tl:off >/dev/null
# Log lines the app wrote at error level or above before the soak (the analysis counts only new ones).
declare -A before
for f in "$STATE"/logs/{web1,web2,worker1,worker2}.log; do before[$f]=$(wc -l < "$f"); done
nginx_before=$(wc -l < "$STATE/logs/nginx-access.log")

"$REPO/bench/soak/SoakBench/bin/Release/net10.0/SoakBench" --proxy "http://127.0.0.1:${DASHBOARD_PROXY_PORT:-5180}" \
  --state "$STATE" --stack-settings "$STATE/appsettings.stack.json" --out "$OUT" "$@" | tee "$OUT/soak.log"

for f in "$STATE"/logs/{web1,web2,worker1,worker2}.log; do
  printf '%s,%s\n' "$(basename "$f" .log)" "$(tail -n +"$((before[$f] + 1))" "$f" | grep -cE '"LogLevel":"(Error|Critical)"' || true)"
done > "$OUT/log-errors.csv"
tail -n +"$((nginx_before + 1))" "$STATE/logs/nginx-access.log" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9][0-9][0-9]$/ && $(i-1) ~ /"$/) print $i }' \
  | sort | uniq -c > "$OUT/nginx-status.txt"
python3 "$REPO/bench/soak/analyze.py" "$OUT" | tee "$OUT/summary.md"
