using Dashboard.Jobs.Jobs;
using Dashboard.Jobs.Storage;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Jobs.Demo;

/// <summary>
/// Demo mode: writes 90 days of generated history (5-minute points, every catalog metric and
/// users) once, up to the anchor where the live demo workload takes over, so forecasts have
/// something to fit on day one. When history is stored already it only re-anchors the shared
/// model on it (a restart continues the same signals). Idempotent: the writer skips points already stored.
/// </summary>
public sealed class DemoHistoryJob(
    ObservationWriter writer,
    ObservationRollups rollups,
    IDbContextFactory<DashboardDbContext> contexts,
    DemoTrafficModel model,
    JobRunRecorder recorder)
{
    public const string Id = "demo-history";
    public static readonly TimeSpan Span = DemoAnchor.HistorySpan;
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    [OneAtATime(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(CancellationToken cancellationToken) => recorder.RunAsync(Id, async ct =>
    {
        if (await DemoAnchor.StoredAsync(contexts, ct) is { } stored)
        {
            model.Anchor = stored;
            return;
        }
        var batch = new List<Ingest.Observation>(50_000);
        foreach (var point in DemoHistory.Generate(model, Span, Step))
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
