using Dashboard.Tests.Infrastructure;
using Npgsql;

namespace Dashboard.Tests.Config;

/// <summary>
/// GitOps: the real binary started with Dashboard:ConfigFile applies the document once after its migrations; a
/// broken document stops the start with exit code 3 and the problem's line in the log, and nothing of it is applied.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class ConfigStartupFileTests
{
    private const string Document = """
        apiVersion: dashboard/v1
        kind: DashboardConfig
        resources:
          - id: cpu
            warning: 66
            critical: 77
          - id: startup_queue
            name: Start-up file queue
            category: Queue
            unit: count
            direction: AboveIsBad
            warning: 100
            critical: 500
            usageQuery: sum(up)
        slo:
          targetPercent: 99.5
        """;

    [Fact]
    public async Task ValidFile_IsAppliedAtStart_AfterTheMigrations()
    {
        var (database, path) = await PrepareAsync(Document);
        try
        {
            await using (await AppProcess.StartAsync(Settings(database, path)))
            {
                await using var connection = await OpenAsync(database);
                Assert.Equal(66.0, await ScalarAsync<double>(connection, "SELECT warning FROM metric_settings WHERE metric_id = 'cpu'"));
                Assert.Equal("Start-up file queue", await ScalarAsync<string>(connection, "SELECT name FROM metric_settings WHERE metric_id = 'startup_queue'"));
                Assert.Equal(99.5m, await ScalarAsync<decimal>(connection, "SELECT slo_target_percent FROM business_profile"));
                var audit = await ScalarAsync<string>(connection, "SELECT actor || ': ' || details FROM audit_log WHERE action = 'config.import'");
                Assert.StartsWith($"config file {Path.GetFileName(path)}: resources: 1 created (startup_queue), 1 updated (cpu)", audit, StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task BrokenFile_StopsTheStart_WithTheLineInTheLog_AndAppliesNothing()
    {
        var broken = Document.Replace("    critical: 500", "    critical: 50", StringComparison.Ordinal);
        var (database, path) = await PrepareAsync(broken);
        try
        {
            var (exitCode, output) = await AppProcess.RunToExitAsync(Settings(database, path), TimeSpan.FromSeconds(120));

            Assert.True(exitCode == 3, $"exit code {exitCode}; output:\n{output}");
            Assert.Contains("is invalid (1 problem(s)); the start is stopped, nothing was applied", output, StringComparison.Ordinal);
            Assert.Contains($"{path}: line 13, resources[1].critical: critical (50) must be at or above warning (100)", output, StringComparison.Ordinal);
            await using var connection = await OpenAsync(database);
            // Migrated, but nothing of the document: not even the valid change to cpu before the broken entry.
            Assert.Equal(0L, await ScalarAsync<long>(connection, "SELECT count(*) FROM metric_settings WHERE metric_id = 'startup_queue'"));
            Assert.NotEqual(66.0, await ScalarAsync<double>(connection, "SELECT warning FROM metric_settings WHERE metric_id = 'cpu'"));
            Assert.Equal(0L, await ScalarAsync<long>(connection, "SELECT count(*) FROM audit_log WHERE action = 'config.import'"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<(string Database, string Path)> PrepareAsync(string document)
    {
        var database = await TestDatabase.CreateAsync();
        var path = Path.Combine(Path.GetTempPath(), $"dashboard-config-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(path, document + "\n");
        return (database, path);
    }

    private static Dictionary<string, string> Settings(string database, string path) => new()
    {
        ["ConnectionStrings:Primary"] = TestStack.WithDatabase(TestStack.Current.PrimaryConnectionString, database),
        ["ConnectionStrings:Replica"] = TestStack.WithDatabase(TestStack.Current.ReplicaConnectionString, database),
        ["Dashboard:ConfigFile"] = path,
    };

    private static async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(TestStack.WithDatabase(TestStack.Current.PrimaryConnectionString, database));
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
