#!/usr/bin/env bash
# The topology of compose/, natively on loopback (no Docker, no systemd): nginx from Debian's
# package, run with compose/nginx.conf (only its "cluster.sh:" lines rewritten), in front of
# two web processes (Dashboard:Role=Web, sticky by cookie, WebSocket upgrade) and two worker
# processes (Dashboard:Role=Worker), on the real primary, replica and Redis of scripts/stack.sh
# (profile "cluster", its own ports and folder). Data-protection keys live on the primary,
# SignalR and the gauge relay use Redis, HybridCache has Redis as L2: see
# docs/decisions/029-cluster-topology.md.
#
# Usage: scripts/cluster.sh <verb> [options]
#   up                 publish the app (Release), start the data services and every process
#   down               stop the processes and nginx (add --data to stop the data services too)
#   status             one line per process; exit 0 when all are up, 3 otherwise
#   start|stop|kill <proxy|web1|web2|worker1|worker2>   one process (kill = SIGKILL, for fault tests)
#   nginx-conf         write nginx.conf into the state folder (compose/nginx.conf made local), print its path
# Options:
#   --app-dir DIR          run this build output of Dashboard instead of publishing (tests)
#   --stack-settings FILE  use the data services this settings file names (do not start any)
#   --database NAME        database on that primary (default: the settings file's)
#   --state DIR            state folder (default .state/cluster): nginx prefix, pids, logs
#   --data                 (down) also stop the data services of the cluster profile
# Ports (env): DASHBOARD_PROXY_PORT (5180) DASHBOARD_WEB1_PORT (5181) DASHBOARD_WEB2_PORT (5182)
#   DASHBOARD_WORKER1_PORT (5183) DASHBOARD_WORKER2_PORT (5184); the data services' ports are
#   stack.sh's (DASHBOARD_PG_PORT ...; Prometheus scrapes DASHBOARD_APP_PORT, set it to web1's).
# Extra settings for every app process: any Section__Key variable in the environment reaches them.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
SELF=$REPO/scripts/$(basename "${BASH_SOURCE[0]}")
APPS=(web1 web2 worker1 worker2)

say()  { printf '[cluster] %s\n' "$*"; }
die()  { printf '[cluster] ERROR: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '10,26p' "$SELF" | sed 's/^# \{0,1\}//' >&2; exit 2; }

VERB=""; ARG=""; APP_DIR=""; STACK_SETTINGS=""; DATABASE=""; STATE=$REPO/.state/cluster; DATA=0
while (($#)); do
  case $1 in
    --app-dir) APP_DIR=$2; shift 2 ;;
    --stack-settings) STACK_SETTINGS=$2; shift 2 ;;
    --database) DATABASE=$2; shift 2 ;;
    --state) STATE=$2; shift 2 ;;
    --data) DATA=1; shift ;;
    -h|--help|help) usage ;;
    -*) die "unknown option $1" ;;
    *) if [[ -z $VERB ]]; then VERB=$1; elif [[ -z $ARG ]]; then ARG=$1; else usage; fi; shift ;;
  esac
done
[[ -n $VERB ]] || usage

PROXY_PORT=${DASHBOARD_PROXY_PORT:-5180}
declare -A PORT=([web1]=${DASHBOARD_WEB1_PORT:-5181} [web2]=${DASHBOARD_WEB2_PORT:-5182}
                 [worker1]=${DASHBOARD_WORKER1_PORT:-5183} [worker2]=${DASHBOARD_WORKER2_PORT:-5184})
declare -A ROLE=([web1]=Web [web2]=Web [worker1]=Worker [worker2]=Worker)
for p in "$PROXY_PORT" "${PORT[@]}"; do
  if ! [[ $p =~ ^[0-9]+$ ]] || ((p < 1 || p > 65535)); then die "invalid port '$p'"; fi
done
# Unless told otherwise, Prometheus (stack.sh's app port) scrapes web1's /metrics and demo workload.
export DASHBOARD_APP_PORT=${DASHBOARD_APP_PORT:-${PORT[web1]}}

LOGS=$STATE/logs
NGINX_DIR=$STATE/nginx
[[ -n $STACK_SETTINGS ]] || STACK_SETTINGS=$REPO/.state/cluster/appsettings.stack.json
[[ -n $APP_DIR ]] || APP_DIR=$STATE/app

# ---------------------------------------------------------------- helpers

pid_alive() {  # alive and not a zombie (PID 1 here does not reap orphans)
  local pid=${1:-} line rest
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  { read -r line < "/proc/$pid/stat"; } 2>/dev/null || return 1
  rest=${line##*) }
  [[ ${rest%% *} != Z && ${rest%% *} != X ]]
}
read_pid() { local p=""; [[ -s $1 ]] && { read -r p < "$1" || true; }; echo "${p:-}"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
http_ok() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }

# The connection string of the settings file, on DATABASE, with this process's application name
# (pg_stat_activity tells the processes apart; bench/soak counts connections by it).
conn() {  # key name
  local cs; cs=$(jq -er ".ConnectionStrings.$1" "$STACK_SETTINGS") || die "$STACK_SETTINGS has no ConnectionStrings.$1"
  [[ -z $DATABASE ]] || cs=$(sed -E "s/(^|;)Database=[^;]*/\1Database=$DATABASE/" <<< "$cs")
  printf '%s;Application Name=dashboard-cluster-%s' "$cs" "$2"
}

# ---------------------------------------------------------------- nginx

# compose/nginx.conf with its "cluster.sh:" lines pointed at this machine; every marked line must change.
render_nginx() {
  local src=$REPO/compose/nginx.conf out=$NGINX_DIR/nginx.conf
  mkdir -p "$NGINX_DIR" "$LOGS"
  sed -e "s|^error_log /dev/stderr warn;|error_log $LOGS/nginx-error.log warn;|" \
      -e "s|^pid /tmp/nginx.pid;|pid $NGINX_DIR/nginx.pid;|" \
      -e "s|access_log /dev/stdout dashboard;|access_log $LOGS/nginx-access.log dashboard;|" \
      -e "s|server web1:8080 |server 127.0.0.1:${PORT[web1]} |" \
      -e "s|server web2:8080 |server 127.0.0.1:${PORT[web2]} |" \
      -e "s|listen 8080;|listen 127.0.0.1:$PROXY_PORT;|" \
      "$src" > "$out.tmp"
  local marked changed
  marked=$(grep -c '# cluster.sh:' "$src")
  changed=$(diff <(grep '# cluster.sh:' "$src") <(grep '# cluster.sh:' "$out.tmp") | grep -c '^>' || true)
  ((marked == 6 && changed == marked)) \
    || die "compose/nginx.conf: expected 6 lines marked 'cluster.sh:' and all rewritten, found $marked marked, $changed rewritten"
  mv -f "$out.tmp" "$out"
}

nginx_pid() { read_pid "$NGINX_DIR/nginx.pid"; }

# Debian's nginx, installed when missing (as the stack installs its packages); its own service is kept from
# starting (policy-rc.d), since the cluster runs nginx on loopback with its own configuration.
ensure_nginx() {
  command -v nginx >/dev/null && return 0
  [[ $EUID -eq 0 ]] || die "nginx is not installed: as root, apt-get install -y nginx"
  say "proxy: installing nginx (apt, about 20 s)"
  mkdir -p "$LOGS"
  local guard=/usr/sbin/policy-rc.d created=0 failed=0
  if [[ ! -e $guard ]]; then printf '#!/bin/sh\nexit 101\n' > "$guard"; chmod +x "$guard"; created=1; fi
  if ! { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update \
         && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends nginx; } > "$LOGS/apt-nginx.log" 2>&1; then
    failed=1
  fi
  ((created == 0)) || rm -f "$guard"
  ((failed == 0)) || { tail -n 30 "$LOGS/apt-nginx.log" >&2; die "apt-get install nginx failed (log: $LOGS/apt-nginx.log)"; }
}

start_proxy() {
  ensure_nginx
  if pid_alive "$(nginx_pid)"; then say "proxy: running (pid $(nginx_pid))"; return 0; fi
  render_nginx
  port_open "$PROXY_PORT" && die "proxy: port 127.0.0.1:$PROXY_PORT is already taken"
  # Debian's build keeps its temp folders in /var/lib/nginx (owned by www-data).
  nginx -e "$LOGS/nginx-error.log" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -t -q \
    || die "proxy: nginx -t refused $NGINX_DIR/nginx.conf"
  nginx -e "$LOGS/nginx-error.log" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -g 'user www-data;'
  for _ in $(seq 1 50); do http_ok "http://127.0.0.1:$PROXY_PORT/nginx-health" && break; sleep 0.1; done
  http_ok "http://127.0.0.1:$PROXY_PORT/nginx-health" || die "proxy: no answer on 127.0.0.1:$PROXY_PORT (log: $LOGS/nginx-error.log)"
  say "proxy: nginx on http://127.0.0.1:$PROXY_PORT (pid $(nginx_pid))"
}

stop_proxy() {
  local pid; pid=$(nginx_pid)
  if pid_alive "$pid"; then
    kill -"${1:-QUIT}" "$pid"
    for _ in $(seq 1 100); do pid_alive "$pid" || break; sleep 0.1; done
    # SIGKILL of the master leaves its workers holding the port.
    [[ ${1:-} != KILL ]] || pkill -KILL -P "$pid" 2>/dev/null || true
    say "proxy: stopped"
  else
    say "proxy: not running"
  fi
  rm -f "$NGINX_DIR/nginx.pid"
}

# ---------------------------------------------------------------- app processes

app_pid() { read_pid "$STATE/$1.pid"; }

spawn_app() {  # name
  local name=$1 port=${PORT[$1]}
  if pid_alive "$(app_pid "$name")"; then say "$name: running (pid $(app_pid "$name"))"; return 0; fi
  # A process just killed is a zombie (pid_alive says gone) while its other threads still close its
  # sockets; on a loaded machine its port can answer a moment longer: give it up to 10 s.
  for _ in $(seq 1 100); do port_open "$port" || break; sleep 0.1; done
  port_open "$port" && die "$name: port 127.0.0.1:$port is already taken"
  [[ -f $APP_DIR/Dashboard.dll ]] || die "$APP_DIR/Dashboard.dll does not exist (publish first, or pass --app-dir)"
  mkdir -p "$LOGS"
  (
    cd "$APP_DIR"
    export DASHBOARD_STACK_SETTINGS=$STACK_SETTINGS
    export ASPNETCORE_URLS=http://127.0.0.1:$port
    export ASPNETCORE_FORWARDEDHEADERS_ENABLED=true
    export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}  # decision 041
    export Dashboard__Role=${ROLE[$name]}
    export Dashboard__DemoMode=${Dashboard__DemoMode:-true}
    export Dashboard__EnvironmentLabel=${Dashboard__EnvironmentLabel:-cluster}
    export Dashboard__DemoCredentialsPath=$STATE/demo-credentials.json
    ConnectionStrings__Primary=$(conn Primary "$name")
    ConnectionStrings__Replica=$(conn Replica "$name")
    export ConnectionStrings__Primary ConnectionStrings__Replica
    exec setsid dotnet Dashboard.dll
  ) >> "$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$STATE/$name.pid"
}

wait_app() {  # name
  local name=$1 pid; pid=$(app_pid "$1")
  for _ in $(seq 1 240); do
    pid_alive "$pid" || { tail -n 30 "$LOGS/$name.log" >&2; die "$name: exited during start-up (log: $LOGS/$name.log)"; }
    http_ok "http://127.0.0.1:${PORT[$name]}/health/live" && { say "$name: ${ROLE[$name]} on http://127.0.0.1:${PORT[$name]} (pid $pid)"; return 0; }
    sleep 0.5
  done
  die "$name: no answer on /health/live within 120 s (log: $LOGS/$name.log)"
}

stop_app() {  # name [signal]
  local name=$1 sig=${2:-TERM} pid; pid=$(app_pid "$1")
  if pid_alive "$pid"; then
    kill -"$sig" "$pid"
    for _ in $(seq 1 150); do pid_alive "$pid" || break; sleep 0.1; done
    pid_alive "$pid" && kill -KILL "$pid"
    say "$name: stopped ($sig)"
  else
    say "$name: not running"
  fi
  rm -f "$STATE/$name.pid"
}

# ---------------------------------------------------------------- verbs

cmd_up() {
  mkdir -p "$STATE" "$LOGS"
  if [[ $APP_DIR == "$STATE/app" ]]; then
    say "publishing the dashboard (Release) to $APP_DIR"
    dotnet publish "$REPO/Dashboard/Dashboard.csproj" -c Release -o "$APP_DIR" -nologo -v quiet --tl:off >/dev/null
  fi
  if [[ $STACK_SETTINGS == "$REPO/.state/cluster/appsettings.stack.json" ]]; then
    "$REPO/scripts/stack.sh" up --profile cluster
  fi
  [[ -f $STACK_SETTINGS ]] || die "$STACK_SETTINGS does not exist"
  # The first worker migrates and seeds alone; the others then start together.
  spawn_app worker1; wait_app worker1
  local name
  for name in web1 web2 worker2; do spawn_app "$name"; done
  for name in web1 web2 worker2; do wait_app "$name"; done
  start_proxy
  say "cluster up: http://127.0.0.1:$PROXY_PORT (logs: $LOGS; demo sign-ins: $STATE/demo-credentials.json)"
}

cmd_down() {
  stop_proxy
  local name
  for name in "${APPS[@]}"; do stop_app "$name"; done
  if ((DATA)); then "$REPO/scripts/stack.sh" down --profile cluster; fi
}

cmd_status() {
  local all=0 name pid
  echo "state $STATE"
  pid=$(nginx_pid)
  if pid_alive "$pid" && http_ok "http://127.0.0.1:$PROXY_PORT/nginx-health"; then printf '%-8s 127.0.0.1:%-6s pid %-8s up\n' proxy "$PROXY_PORT" "$pid"
  else printf '%-8s 127.0.0.1:%-6s pid %-8s down\n' proxy "$PROXY_PORT" -; all=1; fi
  for name in "${APPS[@]}"; do
    pid=$(app_pid "$name")
    if pid_alive "$pid" && http_ok "http://127.0.0.1:${PORT[$name]}/health/live"; then printf '%-8s 127.0.0.1:%-6s pid %-8s up (%s)\n' "$name" "${PORT[$name]}" "$pid" "${ROLE[$name]}"
    else printf '%-8s 127.0.0.1:%-6s pid %-8s down\n' "$name" "${PORT[$name]}" -; all=1; fi
  done
  return $((all ? 3 : 0))
}

one() {  # verb name
  case $2 in
    proxy) case $1 in start) start_proxy ;; stop) stop_proxy QUIT ;; kill) stop_proxy KILL ;; esac ;;
    web1|web2|worker1|worker2)
      case $1 in start) spawn_app "$2"; wait_app "$2" ;; stop) stop_app "$2" TERM ;; kill) stop_app "$2" KILL ;; esac ;;
    *) die "unknown process '$2' (proxy ${APPS[*]})" ;;
  esac
}

case $VERB in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  start|stop|kill) [[ -n $ARG ]] || usage; one "$VERB" "$ARG" ;;
  nginx-conf) render_nginx; echo "$NGINX_DIR/nginx.conf" ;;
  *) usage ;;
esac
