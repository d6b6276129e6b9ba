#!/usr/bin/env bash
# Time to interactive and bytes per visit of each role's main page, with 90 days of history.
# Runs the app with scripts/run.sh (published Release build, demo mode, dev stack). In demo mode the
# product writes 90 days of 5-minute history for every catalog metric through its ObservationWriter
# (DemoHistoryJob, docs/decisions/021) and the forecast job fits it; this script waits for both, restarts
# the app so the first visit of each page is cold, then measures with Chromium (tti.mjs).
# Usage: bench/pages/run.sh [--loads 10] [--keep-app]
# Uses DASHBOARD_APP_PORT and the other DASHBOARD_*_PORT variables like scripts/run.sh.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
HERE=$REPO/bench/pages
OUT=$REPO/.state/bench/pages
PORT=${DASHBOARD_APP_PORT:-5080}
BASE=http://127.0.0.1:$PORT
CREDS=$REPO/.state/dev/demo-credentials.json
LOADS=10 KEEP=0
while (( $# )); do
  case $1 in
    --loads) LOADS=$2; shift ;;
    --keep-app) KEEP=1 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$OUT"

(cd "$HERE" && [[ -d node_modules/playwright-core ]] || npm ci --silent)

app=""
start_app() {
  rm -f "$OUT/run.log"
  "$REPO/scripts/run.sh" > "$OUT/run.log" 2>&1 &
  app=$!
  for _ in $(seq 1 600); do
    grep -q "Demo sign-ins" "$OUT/run.log" 2>/dev/null && return 0
    kill -0 "$app" 2>/dev/null || { echo "[pages] scripts/run.sh exited:" >&2; tail -20 "$OUT/run.log" >&2; exit 1; }
    sleep 1
  done
  echo "[pages] the app did not start in 10 minutes" >&2; exit 1
}
stop_app() { if [[ -n $app ]]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; app=""; fi; }
trap stop_app EXIT

started_at=$(date -u +%Y-%m-%dT%H:%M:%S+00:00)
start_app
token() { python3 -c "import json,sys; print(next(c['token'] for c in json.load(open('$CREDS')) if c['role']==sys.argv[1]))" "$1"; }

# The jobs that succeeded since a time (ISO 8601, UTC).
succeeded_since() {
  curl -sf -H "Authorization: Bearer $(token engineer)" "$BASE/api/v1/jobs" | python3 -c "
import json, sys
from datetime import datetime
since = datetime.fromisoformat(sys.argv[1])
print(' '.join(j['jobId'] for j in json.load(sys.stdin) if j.get('lastSucceededAt') and datetime.fromisoformat(j['lastSucceededAt']) >= since))" "$1" 2>/dev/null
}
# Demo mode writes the 90-day history (first start only) and then runs the forecast job on every start;
# wait for both, so the measurement does not share the cores with the start-up forecast.
wait_for_history() {
  local since=$1 done_jobs=""
  for _ in $(seq 1 900); do
    done_jobs=$(succeeded_since "$since" || true)
    [[ " $done_jobs " == *" demo-history "* && " $done_jobs " == *" forecast "* ]] && return 0
    sleep 2
  done
  echo "[pages] no history or forecast after 30 min (succeeded: $done_jobs)" >&2; exit 1
}
wait_for_history "$started_at"
echo "[pages] history and forecast ready $(( $(date +%s) - $(date -d "$started_at" +%s) )) s after the app started"
# The first time, the app wrote the history while starting: restart it, so the cold visits follow a plain start.
restart=0
[[ -f $OUT/history-ready ]] || restart=1
touch "$OUT/history-ready"
PGPASSWORD=$(cat "$REPO/.state/dev/secrets/pg_password") psql -h 127.0.0.1 -p "${DASHBOARD_PG_PORT:-5433}" -U dashboard -d dashboard -Atc \
  "SELECT 'history: ' || count(DISTINCT series_id) || ' series, ' || count(*) || ' raw points, from ' || min(ts) || ' to ' || max(ts) FROM observations" || true
if (( restart )); then
  # Restart, so the first visits below are the first after the app starts.
  stop_app
  started_at=$(date -u +%Y-%m-%dT%H:%M:%S+00:00)
  start_app
  wait_for_history "$started_at"
fi

n=$(find "$OUT" -maxdepth 1 -name 'run-*.json' | wc -l)  # not ls: with pipefail, no match would end the script
file=$OUT/run-$((n + 1)).json
echo "[pages] load before: $(cut -d' ' -f1-3 /proc/loadavg)"
node "$HERE/tti.mjs" "$CREDS" "$BASE" "$LOADS" "$file"
echo "[pages] load after: $(cut -d' ' -f1-3 /proc/loadavg); every visit in $file"
if (( KEEP )); then trap - EXIT; echo "[pages] app left running (pid $app)"; fi
