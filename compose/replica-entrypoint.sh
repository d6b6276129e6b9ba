#!/usr/bin/env bash
# Entry point of the `replica` service (runs as the postgres user).
# First start (empty volume): clone the primary with pg_basebackup into $PGDATA, as a
# streaming standby with its own replication slot. Later starts: just run postgres.
# Then exec the command from docker-compose.yml (postgres -c ...).
set -euo pipefail

: "${PGDATA:=/var/lib/postgresql/data}"
PRIMARY_HOST=${PRIMARY_HOST:-primary}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
SLOT=${REPLICATION_SLOT:-replica1}
PASSFILE=/var/lib/postgresql/.pgpass

# Password file for pg_basebackup and the walreceiver (rewritten on every start, so a
# changed POSTGRES_PASSWORD reaches the replica). ':' and '\' are escaped per libpq.
umask 077
esc_pw=$(printf '%s' "$POSTGRES_PASSWORD" | sed -e 's/\\/\\\\/g' -e 's/:/\\:/g')
printf '%s:%s:*:%s:%s\n' "$PRIMARY_HOST" "$PRIMARY_PORT" "$POSTGRES_USER" "$esc_pw" > "$PASSFILE"
export PGPASSFILE=$PASSFILE

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "replica: waiting for the primary at $PRIMARY_HOST:$PRIMARY_PORT"
  until pg_isready -q -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$POSTGRES_USER"; do sleep 1; done

  # A slot left over from an earlier replica volume would make -C fail: drop it if unused.
  psql -X -q -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$POSTGRES_USER" -d postgres -v ON_ERROR_STOP=1 \
    -c "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '$SLOT' AND NOT active" \
    > /dev/null

  echo "replica: pg_basebackup from $PRIMARY_HOST:$PRIMARY_PORT (slot $SLOT)"
  rm -rf "${PGDATA:?}"/* 2>/dev/null || true
  pg_basebackup -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U "$POSTGRES_USER" -D "$PGDATA" \
    -R -X stream -C -S "$SLOT" -c fast -w --progress
  chmod 700 "$PGDATA"
fi

# Connection to the primary: set here on every start (overrides what -R wrote), with the
# password in the passfile rather than in a config file.
sed -i '/^primary_conninfo\|^primary_slot_name/d' "$PGDATA/postgresql.auto.conf"
cat >> "$PGDATA/postgresql.auto.conf" <<CONF
primary_conninfo = 'host=$PRIMARY_HOST port=$PRIMARY_PORT user=$POSTGRES_USER passfile=$PASSFILE application_name=replica'
primary_slot_name = '$SLOT'
CONF
touch "$PGDATA/standby.signal"

exec "$@"
