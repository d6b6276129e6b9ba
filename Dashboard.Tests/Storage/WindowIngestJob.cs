using Dashboard.Jobs.Storage;
using Hangfire;

namespace Dashboard.Tests.Storage;

/// <summary>
/// Plays the ingest job for the kill-and-retry test: writes one fixed window of points. Hangfire
/// creates it from the app's services and retries it after a second when it dies.
/// </summary>
public sealed class WindowIngestJob(ObservationWriter writer)
{
    public const int PointsPerSeries = 1000;
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    public static List<Jobs.Ingest.Observation> Points(string metric, DateTimeOffset start) =>
        StoreFixture.Window(metric, start, PointsPerSeries, Step, "a", "b");

    [AutomaticRetry(Attempts = 2, DelaysInSeconds = [1])]
    public Task RunAsync(string metric, DateTimeOffset start, CancellationToken cancellationToken) =>
        writer.WriteAsync(Points(metric, start), cancellationToken);
}
