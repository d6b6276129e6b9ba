using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Live;
using Dashboard.Jobs.Readings;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Storage;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Readings;

/// <summary>
/// The series state lives on the primary, not in a process: a second host against the same database (a restarted
/// worker, another instance) reads the same value and "since", and its own pass continues from them.
/// </summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class SeriesStateTests(DashboardAppFactory app)
{
    /// <summary>A second process's view of the store: storage and readings only, nothing in memory from the app.</summary>
    private IHost SecondHost()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Primary"] = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Primary,
        });
        builder.Services.AddOptions<StorageOptions>().BindConfiguration("ConnectionStrings");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GaugeSnapshotBuilder>();
        builder.AddDashboardStorage();
        return builder.Build();
    }

    [Fact]
    public async Task SeriesState_SecondHostOnTheSameDatabase_SameValueAndSince_ItsOwnPassContinuesThem()
    {
        // Only this test's passes may write the state while it compares two hosts.
        var quiet = await QuietIngest.StartAsync(app);
        try
        {
            await app.Services.GetRequiredService<PrometheusIngestJob>().IngestAsync(CancellationToken.None);
            var first = await app.Services.GetRequiredService<ReadingService>().GetAllAsync(CancellationToken.None);
            Assert.Contains(first, r => r.IsFresh);

            using var second = SecondHost();
            var readings = second.Services.GetRequiredService<ReadingService>();
            Assert.Equal(first, await readings.GetAllAsync(CancellationToken.None));

            // The second host ingests the same values a moment later: same status, so the same "since".
            var store = second.Services.GetRequiredService<SeriesStateStore>();
            var builder = second.Services.GetRequiredService<GaugeSnapshotBuilder>();
            await using var db = await second.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
            var metrics = await db.MetricSettings.AsNoTracking().OrderBy(m => m.Category).ThenBy(m => m.MetricId).ToListAsync();
            // Ingest samples on its 15 s grid; a sample off it would stand as "newer" than the next passes' (docs/decisions/028).
            var now = IngestGrid.Floor(DateTimeOffset.UtcNow, IngestGrid.Step);
            var observations = first.Where(r => r.IsFresh)
                .GroupBy(r => r.Metric)
                .ToDictionary(g => g.Key, g => g.Select(r => new Observation(r.Metric, r.Entity, now, r.Value!.Value)).ToList());
            var stored = await store.RecordPassAsync(previous => builder.Read(metrics, observations, new Dictionary<string, (string, DateTimeOffset)>(), previous), CancellationToken.None);

            Assert.NotNull(stored);
            var after = await app.Services.GetRequiredService<ReadingService>().GetAllAsync(CancellationToken.None);
            foreach (var before in first.Where(r => r.IsFresh))
            {
                var now2 = Assert.Single(after, r => r.Metric == before.Metric && r.Entity == before.Entity);
                Assert.Equal((before.Status, before.Since, before.Value), (now2.Status, now2.Since, now2.Value));
                Assert.Equal(now, now2.SampledAt);
            }
        }
        finally
        {
            await quiet.DisposeAsync();
        }
    }

    [Fact]
    public async Task TwoWorkersPassesAtOnce_BothComplete_OneRowPerSeries_SinceKeptWhereStatusHeld()
    {
        await app.Services.GetRequiredService<PrometheusIngestJob>().IngestAsync(CancellationToken.None);
        var before = await app.Services.GetRequiredService<ReadingService>().GetAllAsync(CancellationToken.None);

        // Two job instances (as two workers would run them) against the same primary, at once.
        await Task.WhenAll(
            app.Services.GetRequiredService<PrometheusIngestJob>().IngestAsync(CancellationToken.None),
            app.Services.GetRequiredService<PrometheusIngestJob>().IngestAsync(CancellationToken.None));

        var after = await app.Services.GetRequiredService<ReadingService>().GetAllAsync(CancellationToken.None);
        Assert.Equal(after.Count, after.Select(r => (r.Metric, r.Entity)).Distinct().Count());
        Assert.All(after, r => Assert.True(r.EvaluatedAt > before.Max(b => b.EvaluatedAt)));
        foreach (var was in before)
        {
            if (after.SingleOrDefault(r => r.Metric == was.Metric && r.Entity == was.Entity) is { } now && now.Status == was.Status)
            {
                Assert.Equal(was.Since, now.Since);
            }
        }
    }

    [Fact]
    public async Task StatusApi_AnswersTheStoredReadings()
    {
        await app.Services.GetRequiredService<PrometheusIngestJob>().IngestAsync(CancellationToken.None);
        using var engineer = app.CreateRawClient(app.For("engineer").Token);

        // Compared in one go with the store: a recurring pass may store new readings between two reads.
        var (status, stored) = await Eventually.WaitForAsync(async () =>
            {
                var before = await app.Services.GetRequiredService<ReadingService>().GetAllAsync(CancellationToken.None);
                var body = await engineer.GetFromJsonAsync<JsonElement>("/api/v1/status");
                var after = await app.Services.GetRequiredService<ReadingService>().GetAllAsync(CancellationToken.None);
                return (body, before.SequenceEqual(after) ? after : null);
            }, r => r.Item2 is not null, TimeSpan.FromSeconds(30), "two equal reads of the store around a status request");

        var gauges = status.GetProperty("gauges").EnumerateArray().ToList();
        foreach (var reading in stored!)
        {
            var gauge = Assert.Single(gauges, g => g.GetProperty("metricId").GetString() == reading.Metric && g.GetProperty("entity").GetString() == reading.Entity);
            Assert.Equal(reading.Status.ToString(), gauge.GetProperty("status").GetString());
            Assert.Equal(reading.Value, gauge.GetProperty("value").ValueKind == JsonValueKind.Null ? null : gauge.GetProperty("value").GetDouble());
            Assert.Equal(reading.Since, gauge.GetProperty("since").GetDateTimeOffset());
        }
    }
}
