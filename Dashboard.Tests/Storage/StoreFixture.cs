using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Settings;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Tests.Storage;

/// <summary>
/// Test data and primary-side reads for the observation store. Every test writes its own metric
/// (a fresh name), so tests sharing the app's database never see each other's points.
/// </summary>
internal static class StoreFixture
{
    /// <summary>Two days ago at 10:00 UTC: inside retention, with its partition made on demand.</summary>
    public static DateTimeOffset WindowStart => new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-2).AddHours(10);

    public static string NewMetric(string what) => $"test_{what}_{Guid.NewGuid():N}";

    /// <summary>Points every <paramref name="step"/> for each entity, values from a seeded generator.</summary>
    public static List<Observation> Window(string metric, DateTimeOffset start, int pointsPerSeries, TimeSpan step, params string[] entities)
    {
        var random = new Random(42);
        return [.. entities.SelectMany(e => Enumerable.Range(0, pointsPerSeries)
            .Select(i => new Observation(metric, e, start + step * i, Math.Round(random.NextDouble() * 100, 3))))];
    }

    public static string PrimaryConnectionString(DashboardAppFactory app) =>
        app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Primary;

    public static async Task<NpgsqlConnection> OpenPrimaryAsync(DashboardAppFactory app)
    {
        var connection = new NpgsqlConnection(PrimaryConnectionString(app));
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Every stored raw point of the metric as (entity, ts, value), read on the primary.</summary>
    public static async Task<List<(string Entity, DateTimeOffset Ts, double Value)>> StoredAsync(DashboardAppFactory app, string metric)
    {
        await using var connection = await OpenPrimaryAsync(app);
        await using var command = new NpgsqlCommand("""
            SELECT s.entity, o.ts, o.value FROM observations o JOIN series s ON s.id = o.series_id
            WHERE s.metric = @metric ORDER BY s.entity, o.ts
            """, connection);
        command.Parameters.AddWithValue("metric", metric);
        var rows = new List<(string, DateTimeOffset, double)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetDouble(2)));
        }
        return rows;
    }

    /// <summary>Asserts the store holds exactly the given points: one row each, none missing, none extra.</summary>
    public static async Task AssertStoredExactlyAsync(DashboardAppFactory app, string metric, IEnumerable<Observation> expected)
    {
        var stored = await StoredAsync(app, metric);
        var want = expected.Select(o => (o.Entity, o.Timestamp.ToUniversalTime(), o.Value)).OrderBy(p => p.Entity, StringComparer.Ordinal).ThenBy(p => p.Item2).ToList();
        Assert.Equal(want.Count, stored.Count);
        Assert.Equal(want, stored.OrderBy(p => p.Entity, StringComparer.Ordinal).ThenBy(p => p.Ts).ToList());
    }
}
