using Npgsql;

namespace Dashboard.Jobs.Sources.Postgres;

public sealed partial class PostgresStatsCollector
{
    /// <summary>
    /// Top statements from pg_stat_statements. Column names follow the installed extension
    /// (total_exec_time/mean_exec_time from 1.8, PostgreSQL 13; total_time/mean_time before), read
    /// from the view itself rather than guessed from the server version.
    /// </summary>
    private async Task<PostgresPanel<TopQueriesPanel>> TopQueriesPanelAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var database = connection.Database;
        var schema = (await ListAsync(connection, """
            SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'
            """, r => r.GetString(0), ct)).SingleOrDefault();
        if (schema is null)
        {
            return PostgresPanel.Failed<TopQueriesPanel>(PanelProblemKind.MissingExtension,
                $"pg_stat_statements is not installed in database \"{database}\". Run CREATE EXTENSION pg_stat_statements; in it " +
                "(the server also needs shared_preload_libraries = 'pg_stat_statements' and a restart). The other panels do not need it.");
        }

        return await PanelAsync(async () =>
        {
            try
            {
                return await ReadStatementsAsync(connection, schema, ct);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectNotInPrerequisiteState)
            {
                // Installed but not preloaded: "pg_stat_statements must be loaded via shared_preload_libraries".
                return PostgresPanel.Failed<TopQueriesPanel>(PanelProblemKind.MissingExtension,
                    $"{ex.MessageText}. Add pg_stat_statements to shared_preload_libraries in postgresql.conf and restart the server.");
            }
        });
    }

    private async Task<PostgresPanel<TopQueriesPanel>> ReadStatementsAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        var view = $"{QuoteIdentifier(schema)}.pg_stat_statements";
        var columns = (await ListAsync(connection,
            "SELECT attname::text FROM pg_attribute WHERE attrelid = @view::regclass AND attnum > 0 AND NOT attisdropped",
            r => r.GetString(0), ct, ("view", view))).ToHashSet(StringComparer.Ordinal);
        var total = columns.Contains("total_exec_time") ? "total_exec_time" : "total_time";
        var topLevel = columns.Contains("toplevel") ? "s.toplevel" : "true";
        var ofThisDatabase = "s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())";

        // One entry per statement shape (issue 16, item 6): pg_stat_statements keys a statement by the OIDs it touches,
        // so the same text over a per-batch temp table, or over each daily partition, is a new entry every time. The
        // shape replaces partition and batch suffixes (_2026_12_07, _123456, _9f3a…) and pg_temp_N; entries of one
        // shape are summed, and the shape's hash is the group's stable id (rates keep working across batches).
        var shaped = $$"""
            WITH shaped AS (
                SELECT s.userid, s.queryid, {{topLevel}} AS toplevel, s.calls, s.{{total}} AS total, s.rows, s.query,
                       regexp_replace(regexp_replace(s.query, '\m(pg_temp|pg_toast_temp)_[0-9]+\M', '\1', 'g'),
                                      '\m([A-Za-z][A-Za-z0-9]*(_[A-Za-z][A-Za-z0-9]*)*)_([0-9]{4}_[0-9]{2}_[0-9]{2}|[0-9]{6,}|[0-9a-f]{8,})\M',
                                      '\1_*', 'g') AS shape
                FROM {{view}} s
                WHERE {{ofThisDatabase}}
            ), grouped AS (
                -- Another role's statements have no queryid and no text ("<insufficient privilege>"): no id for them either.
                SELECT userid, toplevel, CASE WHEN bool_and(queryid IS NULL) THEN NULL ELSE hashtextextended(shape, 0) END AS shape_id, sum(calls)::bigint AS calls, sum(total) AS total,
                       sum(rows)::bigint AS rows, count(*)::int AS variants, min(query) AS query
                FROM shaped
                GROUP BY userid, toplevel, shape
            )
            """;

        var counters = new Dictionary<StatementKey, (long Calls, double TotalExecMs)>();
        foreach (var (key, calls, totalMs) in await ListAsync(connection, $"""
            {shaped}
            SELECT g.userid::oid::bigint, g.shape_id, g.toplevel, g.calls, g.total FROM grouped g WHERE g.shape_id IS NOT NULL
            """,
            r => (new StatementKey(r.GetInt64(0), r.GetInt64(1), r.GetBoolean(2)), r.GetInt64(3), r.GetDouble(4)), ct))
        {
            counters[key] = (calls, totalMs);
        }

        async Task<List<StatementStats>> TopAsync(string orderBy) => await ListAsync(connection, $"""
            {shaped}
            SELECT g.shape_id, g.query, r.rolname::text, g.toplevel, g.calls, g.total, g.total / NULLIF(g.calls, 0), g.rows, g.variants
            FROM grouped g
            LEFT JOIN pg_roles r ON r.oid = g.userid
            ORDER BY {orderBy} DESC NULLS LAST, g.shape_id
            LIMIT @top
            """,
            r => new StatementStats(NullableLong(r, 0), r.IsDBNull(1) ? "" : r.GetString(1), NullableString(r, 2), r.GetBoolean(3),
                r.GetInt64(4), r.GetDouble(5), r.IsDBNull(6) ? 0 : r.GetDouble(6), r.GetInt64(7)) { Variants = r.GetInt32(8) },
            ct, ("top", limits.TopQueries));

        var byTotal = await TopAsync("g.total");
        var byMean = await TopAsync("g.total / NULLIF(g.calls, 0)");
        // pg_stat_statements_info (1.9, PostgreSQL 14) records when everything was last reset.
        var infoView = $"{QuoteIdentifier(schema)}.pg_stat_statements_info";
        var hasInfo = (await ListAsync(connection, "SELECT to_regclass(@v) IS NOT NULL", r => r.GetBoolean(0), ct, ("v", infoView)))[0];
        var reset = hasInfo
            ? (await ListAsync(connection, $"SELECT stats_reset FROM {infoView}", r => NullableTime(r, 0), ct)).SingleOrDefault()
            : null;
        var hidden = (await ListAsync(connection, $"SELECT count(*)::int FROM {view} s WHERE {ofThisDatabase} AND s.query = '<insufficient privilege>'",
            r => r.GetInt32(0), ct))[0];

        return WithHiddenRows(new TopQueriesPanel(byTotal, byMean, counters, reset, total), hidden, "statements");
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
