using Dashboard.Jobs.Ingest;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Sources.Exposition;
using Dashboard.Jobs.Storage;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Dashboard.Jobs.Jobs;

/// <summary>
/// Every 30 s: reads each configured /metrics endpoint directly and stores its samples (metric
/// = sample name, entity = target plus labels). An endpoint that fails, answers HTML (a login
/// page) or serves an invalid exposition is marked stale with that error, line and all, and
/// nothing of it is written: the previous good data stays.
/// </summary>
public sealed class ScrapeIngestJob(
    IHttpClientFactory clients,
    ObservationWriter writer,
    SourceStatusTracker status,
    JobRunRecorder recorder,
    IOptionsMonitor<IngestOptions> ingestOptions,
    TimeProvider time)
{
    public const string Id = "ingest-scrape";
    public const string Cron = "*/30 * * * * *";
    public const string HttpClientName = "scrape";

    [OneAtATime(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken cancellationToken) =>
        ingestOptions.CurrentValue.ScrapeTargets.Count == 0
            ? Task.CompletedTask
            : recorder.RunAsync(Id, ScrapeAllAsync, cancellationToken);

    public async Task ScrapeAllAsync(CancellationToken cancellationToken)
    {
        var scraper = new MetricsScraper(clients.CreateClient(HttpClientName));
        foreach (var (name, target) in ingestOptions.CurrentValue.ScrapeTargets)
        {
            var source = "scrape:" + name;
            IReadOnlyList<MetricFamily> families;
            try
            {
                var token = string.IsNullOrEmpty(target.BearerToken) ? null : target.BearerToken;
                families = await scraper.ScrapeAsync(new Uri(target.Url), token, new ExpositionParser(), cancellationToken);
            }
            catch (Exception ex) when (ex is MetricsScrapeException or ExpositionException or HttpRequestException or TaskCanceledException)
            {
                await status.RecordFailureAsync(source, $"{name}: {ex.Message}", cancellationToken);
                continue;
            }
            await writer.WriteAsync(ToObservations(name, families, time.GetUtcNow()).ToList(), cancellationToken);
            await status.RecordSuccessAsync(source, cancellationToken);
        }
    }

    public static IEnumerable<Observation> ToObservations(string target, IReadOnlyList<MetricFamily> families, DateTimeOffset scrapedAt)
    {
        var prefix = $"target=\"{Escape(target)}\"";
        foreach (var family in families)
        {
            foreach (var sample in family.Samples.Span.ToArray())
            {
                var labels = sample.Labels.Span.ToArray()
                    .OrderBy(l => l.Name, StringComparer.Ordinal)
                    .Select(l => $"{l.Name}=\"{Escape(l.Value)}\"");
                var entity = string.Join(",", labels.Prepend(prefix));
                yield return new Observation(sample.Name, entity, sample.Timestamp ?? scrapedAt, sample.Value);
            }
        }
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
