using Dashboard.Tests.Infrastructure;
using Npgsql;

namespace Dashboard.Tests.Sources.Postgres;

/// <summary>A throw-away database on the test primary for the collector to watch, dropped afterwards.</summary>
internal sealed class MonitoredDatabase : IAsyncDisposable
{
    private MonitoredDatabase(string name) => Name = name;

    public string Name { get; }

    /// <summary>As the stack's superuser, without pooling so the database can be dropped at once.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(TestStack.WithDatabase(TestStack.Current.PrimaryConnectionString, Name)) { Pooling = false }.ConnectionString;

    public static async Task<MonitoredDatabase> CreateAsync(bool withPgStatStatements)
    {
        var database = new MonitoredDatabase("sources_pg_" + Guid.NewGuid().ToString("N")[..12]);
        await Admin.ExecuteAsync($"CREATE DATABASE \"{database.Name}\"");
        if (withPgStatStatements)
        {
            await database.ExecuteAsync("CREATE EXTENSION pg_stat_statements");
        }
        return database;
    }

    public static MonitoredDatabase Admin { get; } = new("postgres");

    public async Task ExecuteAsync(string sql, int times = 1)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        for (var i = 0; i < times; i++)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Name != "postgres")
        {
            await Admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
        }
    }
}
