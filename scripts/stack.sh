#!/usr/bin/env bash
# Local real-services stack for the dashboard, without systemd or Docker:
# PostgreSQL 15 primary + streaming replica (pg_stat_statements), Redis 7,
# Prometheus 2 with node_exporter and postgres_exporter, Alertmanager (one null
# receiver; Prometheus always fires DashboardStackWatchdog at it). The test profile
# adds redis_exporter and a server of recorded exporter expositions
# (scripts/fixtures/, one scrape job each), so the presets' queries meet real
# exposition formats. Everything listens on 127.0.0.1 only and keeps its state
# under <repo>/.state/<profile>/.
#
# Usage: scripts/stack.sh <verb> [--profile dev|test|cluster] [args]
#   up                install missing Debian packages (root), start what is not running
#   down [--purge]    stop every service of the profile; data is kept unless --purge
#   status            one line per service; exit 0 when all are up, 3 otherwise
#   env               print `export ...` lines, for: eval "$(scripts/stack.sh env)"
#   start <service>   start one service (idempotent, like `up` for that service)
#   stop <service>    stop one service (for fault-injection tests)
#                     services: primary replica redis prometheus node_exporter postgres_exporter alertmanager
#                     (test profile also: redis_exporter fixtures)
#
# Profile: --profile NAME, else $DASHBOARD_PROFILE, else dev.
# Port overrides (env): DASHBOARD_PG_PORT DASHBOARD_REPLICA_PORT DASHBOARD_REDIS_PORT
#   DASHBOARD_PROM_PORT DASHBOARD_NODE_EXPORTER_PORT DASHBOARD_PG_EXPORTER_PORT
#   DASHBOARD_ALERTMANAGER_PORT DASHBOARD_APP_PORT DASHBOARD_REDIS_EXPORTER_PORT
#   DASHBOARD_FIXTURES_PORT (the last two: test profile only). (`env` prints DASHBOARD_STACK_* names instead, so that an
#   eval'd environment never overrides the ports of another profile.)
# After `up`, the connection settings are in <state>/appsettings.stack.json (chmod 600),
# the app/tests find it through $DASHBOARD_STACK_SETTINGS (see `env`).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
SELF=$REPO/scripts/$(basename "${BASH_SOURCE[0]}")
cd /   # PostgreSQL tools run as postgres, which may not be allowed into the caller's cwd

PACKAGES=(postgresql postgresql-contrib redis-server prometheus prometheus-node-exporter
          prometheus-postgres-exporter prometheus-alertmanager chromium curl)
SERVICES=(primary replica redis node_exporter postgres_exporter alertmanager prometheus)
PGBIN=${DASHBOARD_PG_BIN:-/usr/lib/postgresql/15/bin}
SLOT=dashboard_replica
DB_USER=dashboard
DB_NAME=dashboard

# ---------------------------------------------------------------- helpers

say()  { printf '[stack:%s] %s\n' "$PROFILE" "$*"; }
warn() { printf '[stack:%s] WARNING: %s\n' "$PROFILE" "$*" >&2; }
die()  { printf '[stack:%s] ERROR: %s\n' "${PROFILE:-?}" "$*" >&2; exit 1; }

usage() {
  sed -n '11,19p' "$SELF" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

now_ms() { local t=${EPOCHREALTIME//[.,]/}; echo $((t / 1000)); }
since() { echo "$(( $(now_ms) - $1 )) ms"; }

# Show the end of a service's log and exit non-zero.
fail_service() {
  local name=$1 msg=$2 logfile=$LOGS/$1.log
  printf '[stack:%s] ERROR: %s: %s\n' "$PROFILE" "$name" "$msg" >&2
  if [[ -s $logfile ]]; then
    printf -- '--- last lines of %s ---\n' "$logfile" >&2
    tail -n 30 "$logfile" >&2
    printf -- '---\n' >&2
  fi
  exit 1
}

# Alive = exists and is not a zombie (PID 1 here does not reap orphans).
pid_alive() {
  local pid=${1:-} line rest
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  { read -r line < "/proc/$pid/stat"; } 2>/dev/null || return 1
  rest=${line##*) }
  [[ ${rest%% *} != Z && ${rest%% *} != X ]]
}

# pid_is PID NAME: alive and its command name starts like NAME (comm is cut at 15 chars).
pid_is() {
  local pid=$1 want=${2:0:15} comm
  pid_alive "$pid" || return 1
  { read -r comm < "/proc/$pid/comm"; } 2>/dev/null || return 1
  [[ $comm == "$want"* ]]
}

read_pid() { local p=""; [[ -s $1 ]] && { read -r p < "$1" || true; }; echo "${p:-}"; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# listens_on PID PORT: PID itself holds the listening socket (not some other stack's process).
listens_on() {
  [[ $EUID -eq 0 ]] || return 0   # without root ss cannot see other users' sockets: trust the port
  [[ $(ss -Htlnp "sport = :$2" 2>/dev/null) == *"pid=$1,"* ]]
}

# listens_elsewhere PID PORT: PID listens, but not on PORT (its port was changed).
listens_elsewhere() {
  local out; out=$(ss -Htlnp 2>/dev/null | grep -F "pid=$1," || true)
  [[ -n $out && $out != *"127.0.0.1:$2 "* ]]
}

who_listens() { ss -Htlnp "sport = :$1" 2>/dev/null | sed 's/.*users://' | head -n 1; }

require_port_free() {  # name port
  if port_open "$2"; then
    die "$1: port 127.0.0.1:$2 is already taken by another process: $(who_listens "$2")"
  fi
}

rand_hex() { head -c "$1" /dev/urandom | od -An -v -tx1 | tr -d ' \n'; }

# write_file PATH MODE OWNER: content from stdin, replaced atomically, only when changed.
# Returns 0 when the file changed, 1 when it was already identical.
write_file() {
  local path=$1 mode=$2 owner=$3 tmp
  tmp=$(mktemp "$path.XXXXXX")
  cat > "$tmp"
  if [[ -f $path ]] && cmp -s "$tmp" "$path"; then rm -f "$tmp"; return 1; fi
  chmod "$mode" "$tmp"; chown "$owner" "$tmp"; mv -f "$tmp" "$path"
}

json_str() {  # JSON string literal
  local s=$1
  s=${s//\\/\\\\}; s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

conf_str() { printf "'%s'" "${1//\'/\'\'}"; }   # PostgreSQL config string literal

as_pg() { runuser -u postgres -- "$@"; }

need_root() { [[ $EUID -eq 0 ]] || die "'$VERB' needs root (runs PostgreSQL's tools through runuser)"; }

# ---------------------------------------------------------------- arguments

VERB=""; ARG=""; PURGE=0; PROFILE=${DASHBOARD_PROFILE:-dev}
while (($#)); do
  case $1 in
    --profile) [[ $# -ge 2 ]] || usage; PROFILE=$2; shift 2 ;;
    --profile=*) PROFILE=${1#*=}; shift ;;
    --purge) PURGE=1; shift ;;
    -h|--help|help) usage ;;
    -*) die "unknown option $1" ;;
    *) if [[ -z $VERB ]]; then VERB=$1; elif [[ -z $ARG ]]; then ARG=$1; else usage; fi; shift ;;
  esac
done
[[ -n $VERB ]] || usage

case $PROFILE in
  dev)  D_PG=5433  D_REP=5434  D_REDIS=6380  D_PROM=9091  D_NODE=9101  D_PGX=9188  D_AM=9093  D_APP=5080  D_RX=9121  D_FIX=9131  D_OIDC=9401  INTERVAL=5s ;;
  test) D_PG=55433 D_REP=55434 D_REDIS=56380 D_PROM=59091 D_NODE=59101 D_PGX=59188 D_AM=59093 D_APP=55080 D_RX=59121 D_FIX=59131 D_OIDC=59401 INTERVAL=2s ;;
  # The data services of scripts/cluster.sh; Prometheus scrapes web1 (the app port) for /metrics and the demo.
  cluster) D_PG=5443 D_REP=5444 D_REDIS=6390 D_PROM=9092 D_NODE=9102 D_PGX=9189 D_AM=9094 D_APP=5181 D_RX=9122 D_FIX=9132 D_OIDC=9402 INTERVAL=5s ;;
  *) die "unknown profile '$PROFILE' (dev|test|cluster)" ;;
esac
# The test profile alone runs redis_exporter and the exposition fixtures (the presets' sources);
# the dev profile keeps exactly its services.
if [[ $PROFILE == test ]]; then
  PACKAGES+=(prometheus-redis-exporter python3)
  SERVICES=(primary replica redis node_exporter postgres_exporter redis_exporter fixtures alertmanager prometheus)
fi
# The dev and test profiles run a local OpenID provider (scripts/oidc, Node.js) with test users and groups, so single
# sign-on is exercised against a real provider; the app's settings file points Auth:Oidc at it.
OIDC_ENABLED=1
[[ $PROFILE != cluster ]] || OIDC_ENABLED=0
((OIDC_ENABLED == 0)) || SERVICES+=(oidc)
PG_PORT=${DASHBOARD_PG_PORT:-$D_PG}
REPLICA_PORT=${DASHBOARD_REPLICA_PORT:-$D_REP}
REDIS_PORT=${DASHBOARD_REDIS_PORT:-$D_REDIS}
PROM_PORT=${DASHBOARD_PROM_PORT:-$D_PROM}
NODE_PORT=${DASHBOARD_NODE_EXPORTER_PORT:-$D_NODE}
PGX_PORT=${DASHBOARD_PG_EXPORTER_PORT:-$D_PGX}
AM_PORT=${DASHBOARD_ALERTMANAGER_PORT:-$D_AM}
APP_PORT=${DASHBOARD_APP_PORT:-$D_APP}
RX_PORT=${DASHBOARD_REDIS_EXPORTER_PORT:-$D_RX}
FIX_PORT=${DASHBOARD_FIXTURES_PORT:-$D_FIX}
OIDC_PORT=${DASHBOARD_OIDC_PORT:-$D_OIDC}
for p in "$PG_PORT" "$REPLICA_PORT" "$REDIS_PORT" "$PROM_PORT" "$NODE_PORT" "$PGX_PORT" "$AM_PORT" "$APP_PORT" "$RX_PORT" "$FIX_PORT" "$OIDC_PORT"; do
  if ! [[ $p =~ ^[0-9]+$ ]] || ((p < 1 || p > 65535)); then die "invalid port '$p'"; fi
done

STATE=$REPO/.state/$PROFILE
LOGS=$STATE/logs
SECRETS=$STATE/secrets
PGROOT=$STATE/pg
PGDATA_PRIMARY=$PGROOT/primary
PGDATA_REPLICA=$PGROOT/replica
PGPASS=$PGROOT/pgpass
SOCK=$STATE/run
SOCK_REPLICA=$STATE/run/replica
# A Unix socket path is limited to 107 bytes: fall back to /tmp for deep checkouts.
if (( ${#SOCK_REPLICA} + 20 > 100 )); then
  SOCK=/tmp/dashboard-stack-$PROFILE-$(printf '%s' "$STATE" | md5sum | head -c 8)
  SOCK_REPLICA=$SOCK/replica
fi
PROM_DIR=$STATE/prometheus
AM_DIR=$STATE/alertmanager
FIXTURES_DIR=$REPO/scripts/fixtures
SETTINGS=$STATE/appsettings.stack.json
PW_FILE=$SECRETS/pg_password
TOKEN_FILE=$SECRETS/metrics_token
OIDC_DIR=$STATE/oidc
OIDC_SECRET_FILE=$SECRETS/oidc_client_secret
OIDC_SRC=$REPO/scripts/oidc

# ---------------------------------------------------------------- packages

ensure_packages() {
  local missing=() pkg status
  declare -A have=()
  while IFS=$'\t' read -r pkg status; do
    [[ $status == installed ]] && have[$pkg]=1
  done < <(dpkg-query -W -f='${Package}\t${db:Status-Status}\n' "${PACKAGES[@]}" 2>/dev/null || true)
  for pkg in "${PACKAGES[@]}"; do [[ -n ${have[$pkg]:-} ]] || missing+=("$pkg"); done
  ((${#missing[@]})) || return 0
  if [[ $EUID -ne 0 ]]; then
    printf 'Missing Debian packages: %s\nInstall them as root:\n  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y %s\n' \
      "${missing[*]}" "${missing[*]}" >&2
    exit 1
  fi
  local t0; t0=$(now_ms)
  say "installing missing packages: ${missing[*]} (apt, about 30-60 s)"
  mkdir -p "$STATE/logs"
  if ! { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update \
         && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y "${missing[@]}"; } > "$STATE/logs/apt.log" 2>&1; then
    tail -n 30 "$STATE/logs/apt.log" >&2
    die "apt-get failed (full log: $STATE/logs/apt.log)"
  fi
  say "packages installed in $(since "$t0")"
}

# ---------------------------------------------------------------- state folder

prepare_state() {
  mkdir -p "$STATE" "$LOGS" "$SECRETS" "$PGROOT" "$SOCK" "$SOCK_REPLICA" "$STATE/redis" "$PROM_DIR/data" "$AM_DIR/data"
  chmod 700 "$SECRETS"
  chown postgres:postgres "$PGROOT" "$SOCK" "$SOCK_REPLICA"
  chmod 700 "$PGROOT"; chmod 755 "$SOCK" "$SOCK_REPLICA"
  local f
  for f in primary replica; do
    [[ -e $LOGS/$f.log ]] || : > "$LOGS/$f.log"
    chown postgres:postgres "$LOGS/$f.log"
  done
  # postgres must be able to walk down to its folders (e.g. a checkout under /root).
  if ! as_pg test -x "$PGROOT" -a -w "$SOCK"; then
    local d=$STATE
    while [[ $d != / ]]; do
      d=$(dirname "$d")
      if ! as_pg test -x "$d"; then
        say "granting search permission (o+x) on $d so the postgres user can reach $PGROOT"
        chmod o+x "$d"
      fi
    done
  fi
  if [[ ! -s $PW_FILE ]]; then
    (umask 077; rand_hex 24 > "$PW_FILE")
    say "generated PostgreSQL password in $PW_FILE"
  fi
  if [[ ! -s $TOKEN_FILE ]]; then
    (umask 077; rand_hex 32 > "$TOKEN_FILE")
    say "generated metrics scrape token in $TOKEN_FILE"
  fi
  if ((OIDC_ENABLED)); then
    [[ -s $OIDC_SECRET_FILE ]] || (umask 077; rand_hex 32 > "$OIDC_SECRET_FILE")
    chmod 600 "$OIDC_SECRET_FILE"
    mkdir -p "$OIDC_DIR"
  fi
  chmod 600 "$PW_FILE" "$TOKEN_FILE"
  PG_PASSWORD=$(<"$PW_FILE")
  METRICS_TOKEN=$(<"$TOKEN_FILE")
  printf '127.0.0.1:*:*:%s:%s\n' "$DB_USER" "$PG_PASSWORD" | write_file "$PGPASS" 600 postgres:postgres || true
}

lock_state() {
  mkdir -p "$STATE"
  exec 9>>"$STATE/.lock"
  flock -w 300 9 || die "another stack.sh holds $STATE/.lock"
}

# ---------------------------------------------------------------- PostgreSQL

pg_datadir() { if [[ $1 == primary ]]; then echo "$PGDATA_PRIMARY"; else echo "$PGDATA_REPLICA"; fi; }
pg_port()    { if [[ $1 == primary ]]; then echo "$PG_PORT"; else echo "$REPLICA_PORT"; fi; }
pg_sock()    { if [[ $1 == primary ]]; then echo "$SOCK"; else echo "$SOCK_REPLICA"; fi; }
pg_pid()     { read_pid "$(pg_datadir "$1")/postmaster.pid" 2>/dev/null || true; }  # '' unless root

pg_running() {  # role: postmaster alive and accepting connections
  local pid
  if [[ $EUID -eq 0 ]]; then
    pid=$(pg_pid "$1"); pid_is "$pid" postgres && listens_on "$pid" "$(pg_port "$1")" || return 1
  fi
  pg_isready -q -t 2 -h 127.0.0.1 -p "$(pg_port "$1")" >/dev/null 2>&1
}

# psql as the dashboard role over TCP (works for root and for any user that can read the secret).
pg_query() {  # port db sql
  PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=3 "$PGBIN/psql" -X -w -A -t -q -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$1" -U "$DB_USER" -d "$2" -c "$3"
}

pg_socket_query() {  # sql, as the postgres superuser over the primary's socket (trust)
  as_pg "$PGBIN/psql" -X -A -t -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PG_PORT" -d postgres -c "$1"
}

replica_state() {  # prints the walsender state of our slot's connection ('' when none)
  pg_query "$PG_PORT" postgres \
    "SELECT r.state FROM pg_stat_replication r JOIN pg_replication_slots s ON s.active_pid = r.pid WHERE s.slot_name = '$SLOT'" 2>/dev/null || true
}

# Settings owned by this script live in stack.conf, which postgresql.conf includes last.
# It is rewritten on every start, so port/socket changes take effect; pg_basebackup
# copies it to the replica, whose own copy then gets the replica's port and socket.
pg_write_conf() {  # role; returns 0 when stack.conf or pg_hba.conf changed
  local role=$1 dir changed=1; dir=$(pg_datadir "$1")
  # postgresql.auto.conf is read last and would override stack.conf's primary_conninfo.
  [[ $role != replica ]] || sed -i '/^primary_conninfo\|^primary_slot_name/d' "$dir/postgresql.auto.conf"
  grep -q "^include_if_exists 'stack.conf'" "$dir/postgresql.conf" \
    || printf "\n# settings from scripts/stack.sh\ninclude_if_exists 'stack.conf'\n" >> "$dir/postgresql.conf"
  {
    echo "# Generated by scripts/stack.sh on every start: edit the script, not this file."
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $(pg_port "$role")"
    echo "unix_socket_directories = $(conf_str "$(pg_sock "$role")")"
    echo "cluster_name = 'dashboard-$PROFILE-$role'"
    echo "shared_preload_libraries = 'pg_stat_statements'"
    echo "pg_stat_statements.track = all"
    echo "wal_level = replica"
    echo "max_wal_senders = 10"
    echo "max_replication_slots = 10"
    echo "hot_standby = on"
    echo "wal_retrieve_retry_interval = '1s'   # replica reconnects fast after a primary restart"
    echo "log_line_prefix = '%m [%p] %q%u@%d '"
    if [[ $role == replica ]]; then
      # Here rather than in postgresql.auto.conf (where -R put them), so a changed
      # primary port reaches the replica on its next start.
      echo "primary_conninfo = $(conf_str "host=127.0.0.1 port=$PG_PORT user=$DB_USER passfile=$(conf_str "$PGPASS") application_name=dashboard-$PROFILE-replica")"
      echo "primary_slot_name = '$SLOT'"
    fi
    if [[ $PROFILE == test ]]; then
      echo "# test profile: throw-away data, trade crash safety for speed"
      echo "fsync = off"
      echo "synchronous_commit = off"
    fi
  } | write_file "$dir/stack.conf" 600 postgres:postgres && changed=0
  {
    echo "# Generated by scripts/stack.sh: loopback only."
    echo "local   all          all                    trust"
    echo "local   replication  all                    trust"
    echo "host    all          all   127.0.0.1/32     scram-sha-256"
    echo "host    replication  all   127.0.0.1/32     scram-sha-256"
  } | write_file "$dir/pg_hba.conf" 600 postgres:postgres && changed=0
  return $changed
}

pg_clear_stale() {  # role: remove a postmaster.pid / socket lock left by a dead server
  local dir pid lock; dir=$(pg_datadir "$1")
  pid=$(pg_pid "$1")
  if [[ -n $pid ]] && ! pid_is "$pid" postgres; then
    say "$1: removing stale postmaster.pid (pid $pid is gone)"
    rm -f "$dir/postmaster.pid"
  fi
  lock=$(pg_sock "$1")/.s.PGSQL.$(pg_port "$1").lock
  if [[ -f $lock ]]; then
    pid=$(read_pid "$lock")
    pid_is "$pid" postgres || rm -f "$lock" "${lock%.lock}"
  fi
}

pg_start() {  # role
  local role=$1 dir; dir=$(pg_datadir "$1")
  pg_write_conf "$role" || true
  pg_clear_stale "$role"
  require_port_free "$role" "$(pg_port "$role")"
  # shellcheck disable=SC2094  # -l is the server's log; pg_ctl's own errors are appended to it too
  if ! setsid runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir" -l "$LOGS/$role.log" -w -t 60 \
        start > /dev/null 2>>"$LOGS/$role.log" 9>&-; then
    fail_service "$role" "pg_ctl start failed"
  fi
}

pg_stop() {  # role
  local role=$1 dir pid; dir=$(pg_datadir "$1")
  pid=$(pg_pid "$role")
  if pid_is "$pid" postgres; then
    as_pg "$PGBIN/pg_ctl" -D "$dir" -m fast -w -t 60 stop > /dev/null 2>>"$LOGS/$role.log" \
      || fail_service "$role" "pg_ctl stop failed"
    say "$role: stopped"
  else
    [[ -d $dir ]] && pg_clear_stale "$role"
    say "$role: not running"
  fi
}

# A postmaster that is alive but does not answer on our port (still starting, or the
# port was changed): give it 5 s, then stop it so that it restarts with the settings.
pg_settle() {  # role; returns 0 when it is running fine
  local role=$1 i
  pg_running "$role" && return 0
  pid_is "$(pg_pid "$role")" postgres || return 1
  # postmaster.pid line 4 is the port it serves: a different one will never answer.
  if [[ $(sed -n 4p "$(pg_datadir "$role")/postmaster.pid" 2>/dev/null) == "$(pg_port "$role")" ]]; then
    for ((i = 0; i < 50; i++)); do sleep 0.1; pg_running "$role" && return 0; done
  fi
  say "$role: pid $(pg_pid "$role") does not answer on 127.0.0.1:$(pg_port "$role"), restarting it"
  pg_stop "$role"
  return 1
}

# Reused server whose generated settings changed: reload (port or preload changes
# still need `stop`/`start` of that service; PostgreSQL logs which ones).
pg_reload_if_changed() {  # role
  if pg_write_conf "$1"; then
    as_pg "$PGBIN/pg_ctl" -D "$(pg_datadir "$1")" reload > /dev/null 2>>"$LOGS/$1.log" || true
    say "$1: generated settings changed, reloaded"
  fi
}

ensure_primary() {
  local t0; t0=$(now_ms)
  if pg_settle primary; then
    pg_reload_if_changed primary
    say "primary: already running on 127.0.0.1:$PG_PORT (pid $(pg_pid primary)), reused"
    return 0
  fi
  PRIMARY_FRESH=0
  if [[ ! -s $PGDATA_PRIMARY/PG_VERSION ]]; then
    rm -rf "$PGDATA_PRIMARY"
    say "primary: initdb $PGDATA_PRIMARY"
    as_pg "$PGBIN/initdb" -D "$PGDATA_PRIMARY" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >> "$LOGS/primary.log" 2>&1 \
      || fail_service primary "initdb failed"
    PRIMARY_FRESH=1
  fi
  pg_start primary
  # Idempotent bootstrap, on every start: the role's password always matches the secret.
  # The role is SUPERUSER for this local dev/test stack only: EF migrations,
  # CREATE EXTENSION pg_stat_statements, reading every pg_stat_* view and test
  # databases created on the fly all just work. REPLICATION lets it feed the replica.
  # (Production would use CREATEDB + pg_monitor + pg_read_all_stats and a separate
  # replication role.)
  as_pg "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PG_PORT" -d postgres \
      >> "$LOGS/primary.log" 2>&1 <<SQL || fail_service primary "bootstrap SQL failed"
\\set pw '$PG_PASSWORD'
SELECT 'CREATE ROLE $DB_USER' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') \\gexec
ALTER ROLE $DB_USER WITH LOGIN SUPERUSER REPLICATION PASSWORD :'pw';
SELECT 'CREATE DATABASE $DB_NAME OWNER $DB_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME') \\gexec
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
\\c $DB_NAME
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
SQL
  say "primary: started on 127.0.0.1:$PG_PORT (pid $(pg_pid primary)) in $(since "$t0")"
}

sysid() { "$PGBIN/pg_controldata" "$1" 2>/dev/null | sed -n 's/^Database system identifier: *//p'; }

wait_streaming() {
  local i st=""
  for ((i = 0; i < 100; i++)); do
    st=$(replica_state)
    [[ $st == streaming ]] && return 0
    pg_running replica || break
    sleep 0.1
  done
  fail_service replica "not streaming from the primary after 10 s (state: '${st:-no connection}')"
}

ensure_replica() {
  local t0; t0=$(now_ms)
  if pg_settle replica; then
    if [[ $(replica_state) == streaming ]]; then
      pg_reload_if_changed replica
      say "replica: already running on 127.0.0.1:$REPLICA_PORT (pid $(pg_pid replica)), streaming, reused"
      return 0
    fi
    if pg_write_conf replica; then
      say "replica: settings changed (e.g. the primary's port), reloading"
      as_pg "$PGBIN/pg_ctl" -D "$PGDATA_REPLICA" reload > /dev/null 2>>"$LOGS/replica.log" || true
    fi
    say "replica: running but not streaming yet, waiting"
    wait_streaming
    say "replica: streaming (pid $(pg_pid replica))"
    return 0
  fi
  pg_running primary || fail_service replica "the primary is not running (start it first: $SELF start primary --profile $PROFILE)"
  local rebuild=0
  if [[ ! -s $PGDATA_REPLICA/PG_VERSION || ! -f $PGDATA_REPLICA/standby.signal ]]; then
    rebuild=1
  elif [[ ${PRIMARY_FRESH:-0} == 1 || $(sysid "$PGDATA_REPLICA") != "$(sysid "$PGDATA_PRIMARY")" ]]; then
    say "replica: its data belongs to another primary, rebuilding"
    rebuild=1
  fi
  if ((rebuild)); then
    rm -rf "$PGDATA_REPLICA"
    pg_socket_query "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '$SLOT' AND NOT active" \
      > /dev/null 2>>"$LOGS/replica.log" || true
    say "replica: pg_basebackup from 127.0.0.1:$PG_PORT (slot $SLOT)"
    as_pg env PGPASSFILE="$PGPASS" "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" \
        -D "$PGDATA_REPLICA" -R -X stream -C -S "$SLOT" -c fast -w >> "$LOGS/replica.log" 2>&1 \
      || fail_service replica "pg_basebackup failed"
  fi
  pg_start replica
  wait_streaming
  say "replica: started on 127.0.0.1:$REPLICA_PORT (pid $(pg_pid replica)), streaming, in $(since "$t0")"
}

# ---------------------------------------------------------------- Redis

redis_ping() { [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

ensure_redis() {
  local t0 pid i; t0=$(now_ms)
  pid=$(read_pid "$STATE/redis.pid")
  if pid_is "$pid" redis-server; then
    for ((i = 0; i < 20; i++)); do
      listens_elsewhere "$pid" "$REDIS_PORT" && break
      if redis_ping && listens_on "$pid" "$REDIS_PORT"; then say "redis: already running on 127.0.0.1:$REDIS_PORT (pid $pid), reused"; return 0; fi
      sleep 0.1
    done
    say "redis: pid $pid does not answer, restarting it"
    stop_pid redis "$pid"
  elif [[ -n $pid ]]; then
    say "redis: removing stale pid file (pid $pid is gone)"
  fi
  rm -f "$STATE/redis.pid"
  require_port_free redis "$REDIS_PORT"
  # shellcheck disable=SC2094  # errors printed before redis opens --logfile go to the same log
  setsid redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    --daemonize yes --pidfile "$STATE/redis.pid" --logfile "$LOGS/redis.log" --dir "$STATE/redis" \
    < /dev/null >> "$LOGS/redis.log" 2>&1 9>&- || fail_service redis "redis-server failed to start"
  for ((i = 0; i < 100; i++)); do
    if redis_ping; then
      say "redis: started on 127.0.0.1:$REDIS_PORT (pid $(read_pid "$STATE/redis.pid")) in $(since "$t0")"
      return 0
    fi
    sleep 0.05
  done
  fail_service redis "does not answer PING on 127.0.0.1:$REDIS_PORT"
}

# ---------------------------------------------------------------- plain daemons

stop_pid() {  # name pid: TERM, wait up to 10 s, then KILL
  local i
  kill -TERM "$2" 2>/dev/null || return 0
  for ((i = 0; i < 200; i++)); do pid_alive "$2" || return 0; sleep 0.05; done
  warn "$1: pid $2 ignored SIGTERM for 10 s, sending SIGKILL"
  kill -KILL "$2" 2>/dev/null || true
}

daemon_bin() {
  case $1 in
    node_exporter) echo prometheus-node-exporter ;;
    postgres_exporter) echo prometheus-postgres-exporter ;;
    prometheus) echo prometheus ;;
    alertmanager) echo prometheus-alertmanager ;;
    redis) echo redis-server ;;
    redis_exporter) echo prometheus-redis-exporter ;;
    fixtures) echo python3 ;;
    oidc) echo node ;;
  esac
}
daemon_port() {
  case $1 in
    node_exporter) echo "$NODE_PORT" ;; postgres_exporter) echo "$PGX_PORT" ;;
    prometheus) echo "$PROM_PORT" ;; redis) echo "$REDIS_PORT" ;; alertmanager) echo "$AM_PORT" ;;
    redis_exporter) echo "$RX_PORT" ;; fixtures) echo "$FIX_PORT" ;; oidc) echo "$OIDC_PORT" ;;
  esac
}
daemon_ready() {  # name
  case $1 in
    prometheus|alertmanager|fixtures|oidc) curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$(daemon_port "$1")/-/ready" 2>/dev/null ;;
    *) port_open "$(daemon_port "$1")" ;;
  esac
}

# Start a daemon in its own session; `exec` keeps the recorded PID the real process.
spawn() {  # name cmd...
  local name=$1; shift
  ( cd "$STATE" && exec setsid nohup "$@" < /dev/null >> "$LOGS/$name.log" 2>&1 9>&- ) &
  echo "$!" > "$STATE/$name.pid"
}

# The command line of a daemon, into DAEMON_CMD.
daemon_cmd() {  # name
  local port; port=$(daemon_port "$1")
  case $1 in
    node_exporter)
      DAEMON_CMD=(prometheus-node-exporter --web.listen-address="127.0.0.1:$port" --no-collector.systemd) ;;
    postgres_exporter)
      DAEMON_CMD=(prometheus-postgres-exporter --web.listen-address="127.0.0.1:$port") ;;
    redis_exporter)
      # System metrics give redis_total_system_memory_bytes: the memory a Redis without maxmemory can grow into.
      DAEMON_CMD=(prometheus-redis-exporter -web.listen-address="127.0.0.1:$port"
        -redis.addr="redis://127.0.0.1:$REDIS_PORT" -include-system-metrics) ;;
    fixtures)
      # Debian's python3, not one a version manager puts first on PATH.
      DAEMON_CMD=(/usr/bin/python3 "$FIXTURES_DIR/serve_expositions.py" --bind 127.0.0.1 --port "$port"
        --dir "$FIXTURES_DIR/expositions") ;;
    oidc)
      DAEMON_CMD=("$(command -v node)" "$OIDC_SRC/provider.mjs" --port "$port" --users "$OIDC_DIR/users.json"
        --client-secret-file "$OIDC_SECRET_FILE" --app "http://127.0.0.1:$APP_PORT") ;;
    prometheus)
      # Alerts are re-sent every 5 s (not 1 min), so a restarted Alertmanager has them again soon.
      DAEMON_CMD=(prometheus --config.file="$PROM_DIR/prometheus.yml"
        --storage.tsdb.path="$PROM_DIR/data" --storage.tsdb.retention.time=30d
        --web.listen-address="127.0.0.1:$port" --web.enable-lifecycle --web.enable-admin-api
        --rules.alert.resend-delay=5s) ;;
    alertmanager)
      # An empty cluster address turns gossip off (it would listen on 0.0.0.0:9094).
      DAEMON_CMD=(prometheus-alertmanager --config.file="$AM_DIR/alertmanager.yml"
        --storage.path="$AM_DIR/data" --web.listen-address="127.0.0.1:$port"
        --cluster.listen-address=) ;;
  esac
}

# runs_cmd PID: the process was started with exactly DAEMON_CMD (else its flags changed).
runs_cmd() {
  [[ $(tr '\0' '\n' < "/proc/$1/cmdline" 2>/dev/null) == "$(printf '%s\n' "${DAEMON_CMD[@]}")" ]]
}

ensure_daemon() {  # name
  local name=$1 t0 pid i bin port; t0=$(now_ms)
  bin=$(daemon_bin "$name"); port=$(daemon_port "$name")
  daemon_cmd "$name"
  pid=$(read_pid "$STATE/$name.pid")
  if pid_is "$pid" "$bin" && ! runs_cmd "$pid"; then
    say "$name: pid $pid runs with other flags, restarting it"
    stop_pid "$name" "$pid"
  elif pid_is "$pid" "$bin"; then
    for ((i = 0; i < 60; i++)); do
      listens_elsewhere "$pid" "$port" && break
      if daemon_ready "$name" && listens_on "$pid" "$port"; then say "$name: already running on 127.0.0.1:$port (pid $pid), reused"; return 0; fi
      sleep 0.05
    done
    say "$name: pid $pid does not answer on :$port, restarting it"
    stop_pid "$name" "$pid"
  elif [[ -n $pid ]]; then
    say "$name: removing stale pid file (pid $pid is gone)"
  fi
  rm -f "$STATE/$name.pid"
  require_port_free "$name" "$port"
  if [[ $name == postgres_exporter ]]; then
    # A prefix assignment exports it to the child only, and keeps it out of `ps`.
    DATA_SOURCE_NAME="postgresql://$DB_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/postgres?sslmode=disable" \
      spawn "$name" "${DAEMON_CMD[@]}"
  else
    spawn "$name" "${DAEMON_CMD[@]}"
  fi
  pid=$(read_pid "$STATE/$name.pid")
  for ((i = 0; i < 300; i++)); do   # up to 15 s
    if daemon_ready "$name"; then
      say "$name: started on 127.0.0.1:$port (pid $pid) in $(since "$t0")"
      return 0
    fi
    pid_alive "$pid" || fail_service "$name" "exited right after start"
    sleep 0.05
  done
  fail_service "$name" "not ready on 127.0.0.1:$port after 15 s"
}

stop_daemon() {  # name
  local name=$1 pid bin; bin=$(daemon_bin "$name")
  pid=$(read_pid "$STATE/$name.pid")
  if pid_is "$pid" "$bin"; then
    stop_pid "$name" "$pid"
    say "$name: stopped (pid $pid)"
  else
    say "$name: not running"
  fi
  rm -f "$STATE/$name.pid"
}

# ---------------------------------------------------------------- Prometheus and Alertmanager config

reload_daemon() {  # name: ask a running daemon to re-read its configuration
  if pid_is "$(read_pid "$STATE/$1.pid")" "$(daemon_bin "$1")"; then
    say "$1: configuration changed, reloading"
    curl -fsS -m 5 -X POST "http://127.0.0.1:$(daemon_port "$1")/-/reload" > /dev/null \
      || warn "$1: reload failed, see $LOGS/$1.log"
  fi
}

# One always-firing alert, so the stack always has an active alert to list and silence.
write_prometheus_rules() {  # returns 0 when the file changed
  write_file "$PROM_DIR/rules.yml" 644 root:root <<YAML
# Generated by scripts/stack.sh (profile $PROFILE): edit the script, not this file.
groups:
  - name: dashboard-stack
    rules:
      - alert: DashboardStackWatchdog
        expr: vector(1)
        labels:
          severity: none
        annotations:
          summary: Always firing, so the local stack has one active alert in Alertmanager.
YAML
}

write_alertmanager_config() {
  if write_file "$AM_DIR/alertmanager.yml" 644 root:root <<YAML
# Generated by scripts/stack.sh (profile $PROFILE): edit the script, not this file.
# Alerts go nowhere: the dashboard reads and silences them through the API.
route:
  receiver: 'null'
receivers:
  - name: 'null'
YAML
  then
    reload_daemon alertmanager
  fi
}

write_prometheus_config() {
  local target_self=127.0.0.1:$PROM_PORT app=127.0.0.1:$APP_PORT tok rules_changed=1
  tok=$(json_str "$TOKEN_FILE")   # a JSON string is a valid YAML string
  write_prometheus_rules && rules_changed=0
  if write_file "$PROM_DIR/prometheus.yml" 644 root:root <<YAML || ((rules_changed == 0))
# Generated by scripts/stack.sh (profile $PROFILE): edit the script, not this file.
global:
  scrape_interval: $INTERVAL
  scrape_timeout: $INTERVAL
  evaluation_interval: $INTERVAL
  external_labels:
    stack: dashboard-$PROFILE

rule_files:
  - $(json_str "$PROM_DIR/rules.yml")

alerting:
  alertmanagers:
    - static_configs:
        - targets: ['127.0.0.1:$AM_PORT']

scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['$target_self']

  - job_name: node
    static_configs:
      - targets: ['127.0.0.1:$NODE_PORT']

  - job_name: postgres
    static_configs:
      - targets: ['127.0.0.1:$PGX_PORT']

  - job_name: dashboard
    metrics_path: /metrics
    authorization:
      type: Bearer
      credentials_file: $tok
    static_configs:
      - targets: ['$app']

  # The demo workload the app serves at /demo/metrics (down unless demo mode is on). honor_labels
  # keeps its own instance="demo-saas" on the demo host's node/postgres-shaped series.
  - job_name: demo
    metrics_path: /demo/metrics
    honor_labels: true
    authorization:
      type: Bearer
      credentials_file: $tok
    static_configs:
      - targets: ['$app']$(test_scrape_jobs)
YAML
  then
    reload_daemon prometheus
  fi
}

# Test profile only: redis_exporter, and one job per recorded exposition in scripts/fixtures/expositions
# (served by serve_expositions.py at /<file name>/...). honor_labels keeps each exposition's own labels,
# as a real scrape of that exporter would.
test_scrape_jobs() {
  [[ $PROFILE == test ]] || return 0
  local fix=127.0.0.1:$FIX_PORT f name
  cat <<YAML

  - job_name: redis
    static_configs:
      - targets: ['127.0.0.1:$RX_PORT']
YAML
  for f in "$FIXTURES_DIR"/expositions/*.prom; do
    [[ -f $f ]] || continue
    name=$(basename "$f" .prom)
    [[ $name != blackbox ]] || continue
    cat <<YAML

  - job_name: $name
    metrics_path: /$name/metrics
    honor_labels: true
    static_configs:
      - targets: ['$fix']
YAML
  done
  # blackbox_exporter is scraped once per probed target, the target passed as a parameter and kept as instance.
  cat <<YAML

  - job_name: blackbox
    metrics_path: /blackbox/probe
    params:
      module: [http_2xx]
    honor_labels: true
    static_configs:
      - targets: ['https://shop.example.com/health', 'https://api.example.com/health']
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: '$fix'
YAML
}

# ---------------------------------------------------------------- settings file

# The app's single sign-on against the local provider: the test users' groups mapped to the four roles.
oidc_settings() {
  ((OIDC_ENABLED)) || return 0
  cat <<JSON

  "Auth": { "Oidc": {
    "Authority": $(json_str "http://127.0.0.1:$OIDC_PORT"),
    "ClientId": "dashboard",
    "ClientSecret": $(json_str "$(<"$OIDC_SECRET_FILE")"),
    "DisplayName": "the local identity provider",
    "RequireHttpsMetadata": false,
    "GroupsClaim": "groups",
    "ExtraScopes": ["groups"],
    "RoleMapping": { "owner": ["platform-leads"], "engineer": ["sre-oncall", "backend"], "pm": ["product"], "designer": ["design"] },
    "AccessContact": "the dashboard's owners (owner@demo.local)"
  } },
JSON
}

write_settings() {
  local pw=$PG_PASSWORD
  (umask 077; write_file "$SETTINGS" 600 root:root <<JSON || true
{
  "ConnectionStrings": {
    "Primary": $(json_str "Host=127.0.0.1;Port=$PG_PORT;Database=$DB_NAME;Username=$DB_USER;Password=$pw"),
    "Replica": $(json_str "Host=127.0.0.1:$REPLICA_PORT,127.0.0.1:$PG_PORT;Database=$DB_NAME;Username=$DB_USER;Password=$pw;Target Session Attributes=prefer-standby;Load Balance Hosts=false"),
    "Redis": $(json_str "127.0.0.1:$REDIS_PORT,abortConnect=false,connectTimeout=2000")
  },
  "Prometheus": { "Url": $(json_str "http://127.0.0.1:$PROM_PORT") },
  "Alertmanager": { "Url": $(json_str "http://127.0.0.1:$AM_PORT") },
  "Observability": { "MetricsScrapeToken": $(json_str "$METRICS_TOKEN") },$(oidc_settings)
  "Stack": {
    "Profile": $(json_str "$PROFILE"),
    "StateDir": $(json_str "$STATE"),
    "AppPort": $APP_PORT,
    "PrimaryPort": $PG_PORT,
    "ReplicaPort": $REPLICA_PORT,
    "RedisPort": $REDIS_PORT,
    "PrometheusPort": $PROM_PORT,
    "NodeExporterPort": $NODE_PORT,
    "PostgresExporterPort": $PGX_PORT,
    "AlertmanagerPort": $AM_PORT,
    "OidcPort": $( ((OIDC_ENABLED)) && echo "$OIDC_PORT" || echo null),
    "OidcUsers": $( ((OIDC_ENABLED)) && json_str "$OIDC_DIR/users.json" || echo null),
    "PgDataPrimary": $(json_str "$PGDATA_PRIMARY"),
    "PgDataReplica": $(json_str "$PGDATA_REPLICA"),
    "PgBin": $(json_str "$PGBIN"),
    "PgSocketDir": $(json_str "$SOCK")
  }
}
JSON
  )
}

# ---------------------------------------------------------------- verbs

# The provider's users, written at every start from scripts/oidc/users.json with a fresh random password each (no
# password lives in the repo; the dev and test stacks read them here). The provider reads this copy at each sign-in,
# so a test changes a user's groups in it, never in the repo's.
write_oidc_users() {
  (umask 077; node -e '
    const fs = require("fs"), crypto = require("crypto");
    const users = JSON.parse(fs.readFileSync(process.argv[1], "utf8"))
      .map(u => ({ ...u, password: "sso-" + crypto.randomBytes(12).toString("base64url") }));
    fs.writeFileSync(process.argv[2], JSON.stringify(users, null, 2) + "\n");' "$OIDC_SRC/users.json" "$OIDC_DIR/users.json") \
    || die "could not write the local provider's users to $OIDC_DIR/users.json"
  chmod 600 "$OIDC_DIR/users.json"
}

oidc_only() {
  ((OIDC_ENABLED)) || die "the local OpenID provider runs in the dev and test profiles only"
}

# The provider's one npm package (oidc-provider, pinned by package-lock.json), installed beside it once.
ensure_oidc_modules() {
  [[ -d $OIDC_SRC/node_modules/oidc-provider ]] && return 0
  command -v node > /dev/null && command -v npm > /dev/null || die "the local OpenID provider needs Node.js and npm (node 20 or later)"
  local t0; t0=$(now_ms)
  mkdir -p "$LOGS"
  (cd "$OIDC_SRC" && npm ci --no-audit --no-fund) > "$LOGS/npm-oidc.log" 2>&1 \
    || { tail -n 20 "$LOGS/npm-oidc.log" >&2; die "npm ci in $OIDC_SRC failed (log: $LOGS/npm-oidc.log)"; }
  say "oidc: installed oidc-provider in $(since "$t0")"
}

test_only() {  # service
  [[ $PROFILE == test ]] || die "$1 runs in the test profile only"
}

start_one() {
  case $1 in
    primary) ensure_primary ;;
    replica) ensure_replica ;;
    redis) ensure_redis ;;
    node_exporter|postgres_exporter) ensure_daemon "$1" ;;
    redis_exporter|fixtures) test_only "$1"; ensure_daemon "$1" ;;
    oidc) oidc_only; ensure_oidc_modules; write_oidc_users; ensure_daemon oidc ;;
    alertmanager) write_alertmanager_config; ensure_daemon alertmanager ;;
    prometheus) write_prometheus_config; ensure_daemon prometheus ;;
    *) die "unknown service '$1' (${SERVICES[*]})" ;;
  esac
}

stop_one() {
  case $1 in
    primary|replica) pg_stop "$1" ;;
    redis)
      local pid; pid=$(read_pid "$STATE/redis.pid")
      if pid_is "$pid" redis-server; then stop_pid redis "$pid"; say "redis: stopped (pid $pid)"; else say "redis: not running"; fi
      rm -f "$STATE/redis.pid" ;;
    node_exporter|postgres_exporter|alertmanager|prometheus) stop_daemon "$1" ;;
    redis_exporter|fixtures) test_only "$1"; stop_daemon "$1" ;;
    oidc) oidc_only; stop_daemon oidc ;;
    *) die "unknown service '$1' (${SERVICES[*]})" ;;
  esac
}

svc_line() {  # name port pid state
  printf '%-18s 127.0.0.1:%-6s pid %-8s %s\n' "$1" "$2" "${3:--}" "$4"
}

cmd_status() {
  local all=0 pid st
  [[ -r $PW_FILE ]] && PG_PASSWORD=$(<"$PW_FILE") || PG_PASSWORD=""
  echo "profile $PROFILE, state $STATE"
  if pg_running primary; then svc_line primary "$PG_PORT" "$(pg_pid primary)" up
  else svc_line primary "$PG_PORT" "" down; all=1; fi
  if pg_running replica; then
    st=$(replica_state)
    if [[ -z $PG_PASSWORD ]]; then svc_line replica "$REPLICA_PORT" "$(pg_pid replica)" "up (streaming unknown: $PW_FILE not readable)"
    elif [[ $st == streaming ]]; then svc_line replica "$REPLICA_PORT" "$(pg_pid replica)" "up (streaming)"
    else svc_line replica "$REPLICA_PORT" "$(pg_pid replica)" "up (NOT streaming${st:+: $st})"; all=1; fi
  else svc_line replica "$REPLICA_PORT" "" down; all=1; fi
  pid=$(read_pid "$STATE/redis.pid")
  if pid_is "$pid" redis-server && redis_ping && listens_on "$pid" "$REDIS_PORT"; then svc_line redis "$REDIS_PORT" "$pid" up
  else svc_line redis "$REDIS_PORT" "" down; all=1; fi
  local name
  local daemons=(node_exporter postgres_exporter alertmanager prometheus)
  [[ $PROFILE != test ]] || daemons=(node_exporter postgres_exporter redis_exporter fixtures alertmanager prometheus)
  ((OIDC_ENABLED == 0)) || daemons+=(oidc)
  for name in "${daemons[@]}"; do
    pid=$(read_pid "$STATE/$name.pid")
    if pid_is "$pid" "$(daemon_bin "$name")" && daemon_ready "$name" && listens_on "$pid" "$(daemon_port "$name")"; then svc_line "$name" "$(daemon_port "$name")" "$pid" up
    else svc_line "$name" "$(daemon_port "$name")" "" down; all=1; fi
  done
  if port_open "$APP_PORT"; then svc_line app "$APP_PORT" "" "listening (not managed by stack.sh)"
  else svc_line app "$APP_PORT" "" "free (the app is not managed by stack.sh)"; fi
  [[ -f $SETTINGS ]] && echo "settings: $SETTINGS"
  return $((all ? 3 : 0))
}

cmd_env() {
  [[ -f $SETTINGS ]] || warn "$SETTINGS does not exist yet: run '$SELF up --profile $PROFILE'"
  printf 'export DASHBOARD_STACK_SETTINGS=%q\n' "$SETTINGS"
  printf 'export DASHBOARD_STACK_PROFILE=%q\n' "$PROFILE"
  printf 'export DASHBOARD_STACK_PG_PORT=%s\n' "$PG_PORT"
  printf 'export DASHBOARD_STACK_REPLICA_PORT=%s\n' "$REPLICA_PORT"
  printf 'export DASHBOARD_STACK_REDIS_PORT=%s\n' "$REDIS_PORT"
  printf 'export DASHBOARD_STACK_PROM_PORT=%s\n' "$PROM_PORT"
  printf 'export DASHBOARD_STACK_NODE_EXPORTER_PORT=%s\n' "$NODE_PORT"
  printf 'export DASHBOARD_STACK_PG_EXPORTER_PORT=%s\n' "$PGX_PORT"
  printf 'export DASHBOARD_STACK_ALERTMANAGER_PORT=%s\n' "$AM_PORT"
  printf 'export DASHBOARD_STACK_APP_PORT=%s\n' "$APP_PORT"
}

# The profile's ports lie inside Linux's ephemeral range (32768-60999): under many outgoing
# connections the kernel may lend one as a source port, and a service restarted in a test then
# cannot bind it. Reserving them (added to any reservations already there) keeps them ours.
reserve_ports() {
  local file=/proc/sys/net/ipv4/ip_local_reserved_ports current p
  [[ -w $file ]] || { warn "cannot reserve ports ($file not writable): a busy machine may lend one to an outgoing connection"; return 0; }
  current=$(<"$file")
  local -a all=()
  [[ -n $current ]] && IFS=, read -ra all <<< "$current"
  for p in "$PG_PORT" "$REPLICA_PORT" "$REDIS_PORT" "$PROM_PORT" "$NODE_PORT" "$PGX_PORT" "$AM_PORT" "$APP_PORT" "$RX_PORT" "$FIX_PORT" "$OIDC_PORT"; do
    all+=("$p")
  done
  printf '%s\n' "${all[@]}" | sort -u | paste -sd, > "$file" 2>/dev/null || warn "could not reserve the profile's ports in $file"
}

cmd_up() {
  local t0; t0=$(now_ms)
  ensure_packages
  need_root
  lock_state
  reserve_ports
  prepare_state
  ensure_primary
  ensure_replica
  ensure_redis
  ensure_daemon node_exporter
  ensure_daemon postgres_exporter
  if [[ $PROFILE == test ]]; then
    ensure_daemon redis_exporter
    ensure_daemon fixtures
  fi
  write_alertmanager_config
  ensure_daemon alertmanager
  write_prometheus_config
  ensure_daemon prometheus
  if ((OIDC_ENABLED)); then
    ensure_oidc_modules
    write_oidc_users
    ensure_daemon oidc
  fi
  write_settings
  say "stack up in $(since "$t0"); settings: $SETTINGS"
  say "use it: eval \"\$($SELF env --profile $PROFILE)\""
}

cmd_down() {
  need_root
  [[ -d $STATE ]] || { say "nothing to stop ($STATE does not exist)"; return 0; }
  lock_state
  local s
  local order=(prometheus alertmanager postgres_exporter node_exporter redis replica primary)
  [[ $PROFILE != test ]] || order=(prometheus alertmanager fixtures redis_exporter postgres_exporter node_exporter redis replica primary)
  ((OIDC_ENABLED == 0)) || order=(oidc "${order[@]}")
  for s in "${order[@]}"; do stop_one "$s"; done
  if ((PURGE)); then
    [[ $STATE == "$REPO/.state/$PROFILE" && -n $PROFILE ]] || die "refusing to delete $STATE"
    rm -rf "$STATE"
    [[ $SOCK == /tmp/dashboard-stack-* ]] && rm -rf "$SOCK"
    say "purged $STATE"
  else
    say "stack down; data kept in $STATE"
  fi
}

case $VERB in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  env) cmd_env ;;
  start)
    [[ -n $ARG ]] || die "usage: $SELF start <${SERVICES[*]}>"
    ensure_packages; need_root; lock_state; prepare_state
    PRIMARY_FRESH=0
    start_one "$ARG"
    write_settings ;;
  stop)
    [[ -n $ARG ]] || die "usage: $SELF stop <${SERVICES[*]}>"
    need_root; lock_state; stop_one "$ARG" ;;
  *) usage ;;
esac
