#!/usr/bin/env bash
# Runs once, when the primary starts on an empty volume (docker-entrypoint-initdb.d).
# The official image has already created $POSTGRES_USER (superuser) and $POSTGRES_DB;
# the temporary init server runs with the -c options from docker-compose.yml, so
# pg_stat_statements is preloaded here too.
set -euo pipefail

for db in postgres "$POSTGRES_DB"; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$db" \
    -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements;'
done

# Streaming replication from the other containers (the image only allows normal
# connections from the network). Takes effect when the server restarts after init.
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
