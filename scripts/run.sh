#!/usr/bin/env bash
# Runs the dashboard with demo data on its real local stack (PostgreSQL primary + replica,
# Redis, Prometheus, exporters), on http://127.0.0.1:${DASHBOARD_APP_PORT:-5080}.
# Ctrl-C stops the app; the stack keeps running (scripts/stack.sh down stops it).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
PORT=${DASHBOARD_APP_PORT:-5080}
STATE=$REPO/.state/dev
OUT=$STATE/app

# Build first (it needs only the .NET SDK), then start the stack: Prometheus would otherwise spend the
# build scraping a demo target that is not up yet, and the availability SLI would record those minutes
# as the application being down (which it was).
echo "[run] building the dashboard (Release)…"
dotnet publish "$REPO/Dashboard/Dashboard.csproj" -c Release -o "$OUT" -nologo -v quiet --tl:off >/dev/null

"$REPO/scripts/stack.sh" up --profile dev

export DASHBOARD_STACK_SETTINGS=$STATE/appsettings.stack.json
export Dashboard__DemoMode=true
export Dashboard__EnvironmentLabel=${Dashboard__EnvironmentLabel:-demo}
export Dashboard__DemoCredentialsPath=$STATE/demo-credentials.json
export ASPNETCORE_URLS=http://127.0.0.1:$PORT
# glibc keeps freed memory in up to 8 arenas per core; 2 keep an open page under 1 MB (decision 041).
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

started=$(date +%s)
(cd "$OUT" && exec dotnet Dashboard.dll) > "$STATE/logs/app.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; exit 0' INT TERM

for _ in $(seq 1 120); do
  if ! kill -0 "$app" 2>/dev/null; then
    echo "[run] the dashboard exited during start-up; last log lines:" >&2
    tail -n 20 "$STATE/logs/app.log" >&2
    exit 1
  fi
  if curl -sf "http://127.0.0.1:$PORT/health/live" >/dev/null 2>&1 \
     && [[ -f $Dashboard__DemoCredentialsPath ]] && (( $(stat -c %Y "$Dashboard__DemoCredentialsPath") >= started )); then
    break
  fi
  sleep 0.5
done

echo
echo "  Dashboard: http://127.0.0.1:$PORT   (demo data; logs: $STATE/logs/app.log)"
echo "  Demo sign-ins (also with one API token each in $Dashboard__DemoCredentialsPath):"
sed -n 's/.*"email": "\([^"]*\)".*/\1/p; s/.*"password": "\([^"]*\)".*/\1/p' "$Dashboard__DemoCredentialsPath" \
  | paste - - | while read -r email password; do printf '    %-22s %s\n' "$email" "$password"; done
echo "  Ctrl-C stops the dashboard; scripts/stack.sh down stops the services."
echo
wait "$app"
