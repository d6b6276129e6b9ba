using Npgsql;

namespace Dashboard.Jobs.Sources.Postgres;

public sealed partial class PostgresStatsCollector
{
    private static async Task<PostgresPanel<ConnectionsPanel>> ConnectionsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        // Client backends of the whole server: max_connections is a server-wide limit. Without
        // pg_monitor, other roles' sessions hide even their backend_type, so they are counted (and flagged).
        var rows = await ListAsync(connection, """
            SELECT datname, coalesce(application_name, ''), state, count(*)::int,
                   count(*) FILTER (WHERE query = '<insufficient privilege>')::int
            FROM pg_stat_activity
            WHERE backend_type = 'client backend' OR (backend_type IS NULL AND query = '<insufficient privilege>')
            GROUP BY 1, 2, 3
            ORDER BY 4 DESC, 1, 2, 3
            """,
            r => (Group: new ConnectionGroup(NullableString(r, 0), r.GetString(1), NullableString(r, 2), r.GetInt32(3)), Hidden: r.GetInt32(4)), ct);
        var max = (await ListAsync(connection, "SELECT current_setting('max_connections')::int", r => r.GetInt32(0), ct))[0];
        var panel = new ConnectionsPanel(max, rows.Sum(r => r.Group.Count), [.. rows.Select(r => r.Group)]);
        return WithHiddenRows(panel, rows.Sum(r => r.Hidden), "sessions (which may include background processes)");
    }

    private static async Task<PostgresPanel<CacheHitPanel>> CacheHitAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var panel = (await ListAsync(connection, """
            SELECT coalesce(sum(heap_blks_hit), 0)::bigint, coalesce(sum(heap_blks_read), 0)::bigint,
                   coalesce(sum(idx_blks_hit), 0)::bigint, coalesce(sum(idx_blks_read), 0)::bigint,
                   (SELECT stats_reset FROM pg_stat_database WHERE datname = current_database())
            FROM pg_statio_user_tables
            """,
            r => new CacheHitPanel(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), NullableTime(r, 4)), ct))[0];
        return PostgresPanel.Ok(panel);
    }

    private async Task<PostgresPanel<SessionsPanel>> SessionsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var rows = await ListAsync(connection, """
            SELECT pid, usename, datname, coalesce(application_name, ''), state,
                   CASE WHEN state = 'idle in transaction' OR state = 'idle in transaction (aborted)'
                        THEN clock_timestamp() - state_change ELSE clock_timestamp() - query_start END AS running_for,
                   query
            FROM pg_stat_activity
            WHERE (backend_type = 'client backend' OR backend_type IS NULL) AND pid <> pg_backend_pid()
              AND ((state = 'active' AND clock_timestamp() - query_start > @long_running)
                OR (state LIKE 'idle in transaction%' AND clock_timestamp() - state_change > @idle_in_tx)
                OR (state IS NULL AND query = '<insufficient privilege>'))
            ORDER BY running_for DESC NULLS LAST
            LIMIT 100
            """,
            r => new SessionInfo(r.GetInt32(0), NullableString(r, 1), NullableString(r, 2), r.GetString(3), NullableString(r, 4),
                r.IsDBNull(5) ? TimeSpan.Zero : r.GetTimeSpan(5), NullableString(r, 6)),
            ct, ("long_running", limits.LongRunningAfter), ("idle_in_tx", limits.IdleInTransactionAfter));
        // Sessions of other roles show no state without pg_monitor: they cannot be classified, only counted.
        var hidden = rows.Count(s => s.State is null);
        var panel = new SessionsPanel(
            [.. rows.Where(s => s.State == "active")],
            [.. rows.Where(s => s.State?.StartsWith("idle in transaction", StringComparison.Ordinal) == true)]);
        return WithHiddenRows(panel, hidden, "sessions");
    }

    private static async Task<PostgresPanel<ReplicationPanel>> ReplicationAsync(NpgsqlConnection connection, bool standby, CancellationToken ct)
    {
        if (standby)
        {
            // Bytes received but not yet replayed; seconds since the last replayed transaction was
            // committed on the primary, 0 when everything received is replayed, null when nothing was.
            var self = (await ListAsync(connection, """
                SELECT pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint,
                       CASE WHEN pg_last_xact_replay_timestamp() IS NULL THEN NULL
                            WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                            ELSE extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8 END,
                       (SELECT status FROM pg_stat_wal_receiver LIMIT 1)
                """,
                r => new StandbyLag("self", NullableString(r, 2), NullableLong(r, 0), NullableDouble(r, 1)), ct))[0];
            return PostgresPanel.Ok(new ReplicationPanel(true, [], self));
        }

        var standbys = await ListAsync(connection, """
            SELECT coalesce(nullif(application_name, ''), client_addr::text, pid::text), state,
                   pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint,
                   extract(epoch FROM replay_lag)::float8
            FROM pg_stat_replication
            ORDER BY 1
            """,
            r => new StandbyLag(r.GetString(0), NullableString(r, 1), NullableLong(r, 2), NullableDouble(r, 3)), ct);
        // Without pg_monitor every column but the name is null: that is a permission problem, not "no lag".
        return WithHiddenRows(new ReplicationPanel(false, standbys, null), standbys.Count(s => s.State is null), "standbys");
    }

    private async Task<PostgresPanel<SizesPanel>> SizesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var databases = await ListAsync(connection, """
            SELECT datname, CASE WHEN has_database_privilege(oid, 'CONNECT') THEN pg_database_size(oid) END
            FROM pg_database
            WHERE datallowconn
            ORDER BY 2 DESC NULLS LAST, 1
            """,
            r => new DatabaseSize(r.GetString(0), NullableLong(r, 1)), ct);
        var tables = await ListAsync(connection, """
            SELECT n.nspname, c.relname, pg_total_relation_size(c.oid), pg_relation_size(c.oid), pg_indexes_size(c.oid),
                   s.n_live_tup, c.reltuples::bigint,
                   (SELECT pn.nspname || '.' || pc.relname FROM pg_inherits i
                    JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                    WHERE i.inhrelid = c.oid AND c.relispartition LIMIT 1)
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
            WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            ORDER BY 3 DESC, 1, 2
            LIMIT @top
            """,
            r => new TableSize(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), NullableLong(r, 5), r.GetInt64(6))
            {
                PartitionOf = NullableString(r, 7),
            },
            ct, ("top", limits.TopTables));
        // Declaratively partitioned parents: partitioning is already in use in this database.
        var partitioned = (await ListAsync(connection, """
            SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'p' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
            """, r => r.GetInt32(0), ct))[0];
        return PostgresPanel.Ok(new SizesPanel(databases, tables) { PartitionedTables = partitioned });
    }

    private static async Task<PostgresPanel<ReadWritePanel>> ReadWriteAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var panel = (await ListAsync(connection, """
            SELECT tup_returned, tup_inserted, tup_updated, tup_deleted, xact_commit, xact_rollback, stats_reset
            FROM pg_stat_database
            WHERE datname = current_database()
            """,
            r => new ReadWritePanel(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), NullableTime(r, 6)), ct))[0];
        return PostgresPanel.Ok(panel);
    }

    private static async Task<PostgresPanel<WraparoundPanel>> WraparoundAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var databases = await ListAsync(connection, "SELECT datname, age(datfrozenxid)::bigint FROM pg_database ORDER BY 2 DESC, 1",
            r => new DatabaseXidAge(r.GetString(0), r.GetInt64(1)), ct);
        // vacuum_failsafe_age exists from PostgreSQL 14; missing_ok gives NULL before.
        var (freezeMaxAge, failsafeAge) = (await ListAsync(connection,
            "SELECT current_setting('autovacuum_freeze_max_age')::bigint, current_setting('vacuum_failsafe_age', true)::bigint",
            r => (r.GetInt64(0), NullableLong(r, 1)), ct))[0];
        return PostgresPanel.Ok(new WraparoundPanel(freezeMaxAge, databases) { VacuumFailsafeAge = failsafeAge });
    }

    private async Task<PostgresPanel<IndexesPanel>> IndexesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        // A partitioned table is one table: its partitions' indexes are counted under the index they were made from
        // (the top of pg_inherits), unused only when no partition's copy was ever scanned, with the size of all copies.
        var unused = await ListAsync(connection, """
            WITH RECURSIVE up AS (
                SELECT s.indexrelid AS leaf, s.indexrelid AS top FROM pg_stat_user_indexes s
                UNION ALL
                SELECT up.leaf, h.inhparent FROM up JOIN pg_inherits h ON h.inhrelid = up.top
            ), root AS (
                SELECT up.leaf, up.top FROM up WHERE NOT EXISTS (SELECT FROM pg_inherits h WHERE h.inhrelid = up.top)
            )
            SELECT n.nspname, t.relname, ic.relname, sum(pg_relation_size(s.indexrelid))::bigint
            FROM pg_stat_user_indexes s
            JOIN root ON root.leaf = s.indexrelid
            JOIN pg_index i ON i.indexrelid = root.top
            JOIN pg_class ic ON ic.oid = root.top
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE NOT i.indisunique AND NOT i.indisprimary AND NOT i.indisexclusion
              AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid IN (root.top, s.indexrelid))
            GROUP BY n.nspname, t.relname, ic.relname
            HAVING sum(s.idx_scan) = 0
            ORDER BY 4 DESC, 1, 2, 3
            LIMIT @max
            """,
            r => new UnusedIndex(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)), ct, ("max", limits.MaxIndexes));
        // Same table, same keys, operator classes, collations, expressions and predicate: one of them is enough.
        var duplicates = await ListAsync(connection, """
            SELECT n.nspname, t.relname, array_agg(ic.relname::text ORDER BY ic.relname), sum(pg_relation_size(i.indexrelid))::bigint
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            GROUP BY n.nspname, t.relname, i.indrelid, i.indkey::text, i.indclass::text, i.indcollation::text,
                     coalesce(pg_get_expr(i.indexprs, i.indrelid), ''), coalesce(pg_get_expr(i.indpred, i.indrelid), '')
            HAVING count(*) > 1
            ORDER BY 4 DESC, 1, 2
            LIMIT @max
            """,
            r => new DuplicateIndexes(r.GetString(0), r.GetString(1), r.GetFieldValue<string[]>(2), r.GetInt64(3)), ct, ("max", limits.MaxIndexes));
        var reset = (await ListAsync(connection, "SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()", r => NullableTime(r, 0), ct))[0];
        return PostgresPanel.Ok(new IndexesPanel(unused, duplicates, reset));
    }
}
