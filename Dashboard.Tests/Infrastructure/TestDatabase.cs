using Npgsql;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// A fresh database on the test primary for each app a test run starts (physical replication
/// brings it to the replica too). Databases of earlier runs are dropped first.
/// </summary>
public static class TestDatabase
{
    private const string Prefix = "dashboard_test_";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly string RunId = DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "_" + Environment.ProcessId;
    private static int created;

    public static async Task<string> CreateAsync()
    {
        await Gate.WaitAsync();
        try
        {
            var candidate = $"{Prefix}{RunId}_{++created}";
            await using var connection = new NpgsqlConnection(TestStack.WithDatabase(TestStack.Current.PrimaryConnectionString, "postgres"));
            await connection.OpenAsync();
            await using (var list = new NpgsqlCommand(
                $"SELECT datname FROM pg_database WHERE datname LIKE '{Prefix}%' AND datname NOT LIKE '{Prefix}{RunId}%'", connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                var old = new List<string>();
                while (await reader.ReadAsync())
                {
                    old.Add(reader.GetString(0));
                }
                await reader.CloseAsync();
                foreach (var db in old)
                {
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)", connection);
                    await drop.ExecuteNonQueryAsync();
                }
            }
            await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{candidate}\"", connection))
            {
                await create.ExecuteNonQueryAsync();
            }
            return candidate;
        }
        finally
        {
            Gate.Release();
        }
    }
}
