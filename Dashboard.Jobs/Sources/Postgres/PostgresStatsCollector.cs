using Npgsql;

namespace Dashboard.Jobs.Sources.Postgres;

/// <summary>Limits of the collector: list lengths and when a session counts as long-running.</summary>
public sealed record PostgresStatsOptions
{
    public int TopQueries { get; init; } = 10;

    public int TopTables { get; init; } = 10;

    public int MaxIndexes { get; init; } = 20;

    /// <summary>An active statement running longer than this is listed.</summary>
    public TimeSpan LongRunningAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A session idle inside an open transaction for longer than this is listed (it holds locks and blocks vacuum).</summary>
    public TimeSpan IdleInTransactionAfter { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Reads a monitored PostgreSQL database's statistics with raw SQL, as a monitoring role
/// (pg_monitor). Each panel runs on its own, so a missing extension or privilege is named on its
/// panel and the others keep working. Connection failures are thrown: the whole source is down.
/// </summary>
public sealed partial class PostgresStatsCollector(PostgresStatsOptions? options = null)
{
    /// <summary>What PostgreSQL shows instead of another role's query text to a role without pg_read_all_stats.</summary>
    public const string InsufficientPrivilege = "<insufficient privilege>";

    private const string GrantHint = "Grant the monitoring role pg_monitor (GRANT pg_monitor TO <role>).";

    private readonly PostgresStatsOptions limits = options ?? new PostgresStatsOptions();

    public async Task<PostgresStatsSnapshot> CollectAsync(string connectionString, PostgresStatsSnapshot? previous, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            CommandTimeout = (int)Math.Ceiling(limits.CommandTimeout.TotalSeconds),
        };
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "dashboard-stats";
        }
        var target = $"{builder.Host}:{builder.Port}/{builder.Database}";

        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        DateTimeOffset takenAt;
        int version;
        bool standby;
        await using (var command = new NpgsqlCommand("SELECT clock_timestamp(), current_setting('server_version_num')::int, pg_is_in_recovery()", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            takenAt = reader.GetFieldValue<DateTimeOffset>(0);
            version = reader.GetInt32(1);
            standby = reader.GetBoolean(2);
        }

        var snapshot = new PostgresStatsSnapshot
        {
            Target = target,
            TakenAt = takenAt,
            ServerVersionNum = version,
            IsStandby = standby,
            Connections = await PanelAsync(() => ConnectionsAsync(connection, cancellationToken)),
            CacheHit = await PanelAsync(() => CacheHitAsync(connection, cancellationToken)),
            TopQueries = await TopQueriesPanelAsync(connection, cancellationToken),
            Sessions = await PanelAsync(() => SessionsAsync(connection, cancellationToken)),
            Replication = await PanelAsync(() => ReplicationAsync(connection, standby, cancellationToken)),
            Sizes = await PanelAsync(() => SizesAsync(connection, cancellationToken)),
            ReadWrite = await PanelAsync(() => ReadWriteAsync(connection, cancellationToken)),
            Wraparound = await PanelAsync(() => WraparoundAsync(connection, cancellationToken)),
            Indexes = await PanelAsync(() => IndexesAsync(connection, cancellationToken)),
        };
        return snapshot with { Rates = PostgresStatsRateCalculator.Between(previous, snapshot) };
    }

    /// <summary>Runs one panel's queries; a server error becomes that panel's named problem.</summary>
    private static async Task<PostgresPanel<T>> PanelAsync<T>(Func<Task<PostgresPanel<T>>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return PostgresPanel.Failed<T>(PanelProblemKind.PermissionDenied, $"{ex.MessageText}. {GrantHint}");
        }
        catch (PostgresException ex)
        {
            return PostgresPanel.Failed<T>(PanelProblemKind.Error, $"{ex.SqlState}: {ex.MessageText}");
        }
    }

    private static PostgresPanel<T> WithHiddenRows<T>(T data, int hidden, string what)
        where T : class =>
        hidden == 0
            ? PostgresPanel.Ok(data)
            : new PostgresPanel<T>(data, new PanelProblem(PanelProblemKind.PermissionDenied,
                $"{hidden} {what} of other roles show {InsufficientPrivilege}. {GrantHint}"));

    private static async Task<List<T>> ListAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long? NullableLong(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private static double? NullableDouble(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
