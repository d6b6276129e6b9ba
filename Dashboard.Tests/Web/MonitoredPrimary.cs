using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Settings;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Tests.Web;

/// <summary>
/// The test app monitors its own primary (target "dashboard"). Like the stack's own database, it gets
/// pg_stat_statements; a marker statement with a constant is run so it shows up (normalised to $1),
/// then the ingest job collects twice (the second snapshot has rates), and the API is waited on
/// until the snapshot has reached the replica.
/// </summary>
internal static class MonitoredPrimary
{
    public const string Target = "dashboard";

    /// <summary>
    /// A statement with a constant (so pg_stat_statements shows it with a parameter) that takes 1 s a call:
    /// slow by the decision path's rule and high in both top lists whatever else the app ran.
    /// </summary>
    public const string MarkerSql = "SELECT pg_sleep(1) AS db_health_marker";

    public static async Task<JsonElement> CollectAsync(DashboardAppFactory app)
    {
        var primary = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Primary;
        await using (var connection = new NpgsqlConnection(primary))
        {
            await connection.OpenAsync();
            await using (var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection))
            {
                await create.ExecuteNonQueryAsync();
            }
            for (var i = 0; i < 3; i++)
            {
                await using var marker = new NpgsqlCommand(MarkerSql, connection);
                await marker.ExecuteScalarAsync();
            }
        }
        var job = app.Services.GetRequiredService<PostgresStatsJob>();
        await job.CollectAllAsync(CancellationToken.None);
        await job.CollectAllAsync(CancellationToken.None);
        var collectedBy = DateTimeOffset.UtcNow.AddSeconds(-30);

        using var engineer = app.CreateRawClient(app.For("engineer").Token);
        return await Eventually.WaitForAsync(
            async () => Health(await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/database/health?target={Target}")),
            t => t.TryGetProperty("takenAt", out var taken) && taken.GetDateTimeOffset() >= collectedBy
                && Marker(t) is not null,
            TimeSpan.FromSeconds(30), "the collected snapshot on the API");
    }

    /// <summary>The marker statement in the top list by mean time, or null.</summary>
    public static JsonElement? Marker(JsonElement target) =>
        target.GetProperty("topQueries").GetProperty("data").GetProperty("byMeanTime").EnumerateArray()
            .Where(q => q.GetProperty("query").GetString()!.Contains("db_health_marker", StringComparison.Ordinal))
            .Select(q => (JsonElement?)q).FirstOrDefault();

    public static JsonElement Health(JsonElement report) => report.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("name").GetString() == Target);
}
