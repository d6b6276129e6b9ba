using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Storage;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs.Demo;

/// <summary>
/// Demo mode: writes 90 days of generated history (5-minute points, every catalog metric and
/// users) once, so forecasts have something to fit on day one. Idempotent: the writer skips
/// points already stored, and a database that has the demo series already is left alone.
/// </summary>
public sealed class DemoHistoryJob(
    ObservationWriter writer,
    ObservationRollups rollups,
    IDbContextFactory<DashboardDbContext> contexts,
    JobRunRecorder recorder,
    TimeProvider time)
{
    public const string Id = "demo-history";
    public static readonly TimeSpan Span = TimeSpan.FromDays(90);
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(CancellationToken cancellationToken) => recorder.RunAsync(Id, async ct =>
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (await db.Series.AnyAsync(s => s.Entity == DemoHistory.Entity, ct))
            {
                return;
            }
        }
        // Anchor on the hour so reruns generate the same timestamps.
        var now = time.GetUtcNow();
        var anchor = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var batch = new List<Ingest.Observation>(50_000);
        foreach (var point in DemoHistory.Generate(new DemoTrafficModel(anchor), Span, Step))
        {
            batch.Add(point);
            if (batch.Count == batch.Capacity)
            {
                await writer.WriteAsync(batch, ct);
                batch.Clear();
            }
        }
        await writer.WriteAsync(batch, ct);
        // Roll the history up now, so the forecast that follows this job reads complete hours.
        await rollups.ProcessPendingAsync(ct);
    }, cancellationToken);
}
