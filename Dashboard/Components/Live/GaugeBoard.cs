using Dashboard.Domain.Health;
using Dashboard.Jobs.Live;

namespace Dashboard.Components.Live;

/// <summary>
/// What every open gauge grid shows, held once per process (decision 035): the newest batch and
/// the last hour of each series for the sparklines, as immutable values that all circuits share.
/// A page keeps references, never copies, and the history is read from the store once per metric,
/// not once per page.
/// </summary>
public sealed class GaugeBoard : IDisposable
{
    private readonly LiveFeed feed;
    private readonly LastHourLoader? loadLastHour;
    private readonly Lock gate = new();
    private readonly HashSet<string> requested = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private IDisposable? subscription;
    private GaugeBoardState? current;

    /// <param name="feed">The in-process live feed the board follows.</param>
    /// <param name="loadLastHour">Sparkline history; null draws sparklines from live values only.</param>
    public GaugeBoard(LiveFeed feed, LastHourLoader? loadLastHour)
    {
        this.feed = feed;
        this.loadLastHour = loadLastHour;
    }

    /// <summary>Raised after the state changed (a newer batch, or history arrived); handlers must only hand off.</summary>
    public event Action<GaugeBoardState>? Changed;

    /// <summary>Pages following the board now (a closed page must not stay subscribed).</summary>
    public int Watchers => Changed?.GetInvocationList().Length ?? 0;

    /// <summary>The state now; null until a first batch was offered or published.</summary>
    public GaugeBoardState? Current
    {
        get
        {
            EnsureSubscribed();
            return current;
        }
    }

    /// <summary>A batch from another source (the stored readings, for a page's first render); kept only when newer.</summary>
    public void Offer(GaugeBatch batch)
    {
        EnsureSubscribed();
        Apply(batch);
    }

    private void EnsureSubscribed()
    {
        if (subscription is not null)
        {
            return;
        }
        lock (gate)
        {
            if (subscription is null)
            {
                subscription = feed.Subscribe(Apply);
                if (feed.Latest is { } latest)
                {
                    Apply(latest);
                }
            }
        }
    }

    private void Apply(GaugeBatch batch)
    {
        GaugeBoardState next;
        List<string> toLoad;
        lock (gate)
        {
            if (current is { } now && batch.PublishedAt <= now.Batch.PublishedAt)
            {
                return;
            }
            var sparks = new Dictionary<(string Metric, string Entity), SparkPoints>(current?.Sparks ?? new Dictionary<(string, string), SparkPoints>());
            foreach (var gauge in batch.Gauges)
            {
                if (Freshness.IsFresh(gauge.Status, gauge.Value is not null)
                    && gauge.Value is { } value && gauge.SampledAt is { } at && double.IsFinite(value))
                {
                    var key = (gauge.MetricId, gauge.Entity);
                    var points = sparks.GetValueOrDefault(key) ?? SparkPoints.Empty;
                    if (points.Count == 0 || points.Last.At < at)
                    {
                        sparks[key] = points.Append(at, value, at - GaugeHistory.Window);
                    }
                }
            }
            next = new GaugeBoardState(batch, sparks, current?.Loaded ?? new HashSet<string>(StringComparer.Ordinal), current?.HistoryError, loadLastHour is not null);
            current = next;
            toLoad = loadLastHour is null ? [] : [.. batch.Gauges.Select(g => g.MetricId).Distinct(StringComparer.Ordinal).Where(requested.Add)];
        }
        Changed?.Invoke(next);
        if (toLoad.Count > 0)
        {
            _ = LoadHistoryAsync(toLoad);
        }
    }

    private async Task LoadHistoryAsync(List<string> metrics)
    {
        IReadOnlyList<(string Metric, IReadOnlyDictionary<string, IReadOnlyList<(DateTimeOffset At, double Value)>> ByEntity)> histories;
        string? error = null;
        try
        {
            histories = await Task.WhenAll(metrics.Select(async m => (Metric: m, ByEntity: await loadLastHour!(m, stopping.Token))));
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // The live gauges stay useful without history (a replica or database outage): say so, retry on the next batch.
            histories = [];
            error = ex.Message;
        }
        GaugeBoardState next;
        lock (gate)
        {
            if (current is not { } now)
            {
                return;
            }
            if (error is not null)
            {
                requested.ExceptWith(metrics);
                next = now with { HistoryError = error };
            }
            else
            {
                var sparks = new Dictionary<(string Metric, string Entity), SparkPoints>(now.Sparks);
                var loaded = new HashSet<string>(now.Loaded, StringComparer.Ordinal);
                foreach (var (metric, byEntity) in histories)
                {
                    foreach (var (entity, history) in byEntity)
                    {
                        var key = (metric, entity);
                        sparks[key] = SparkPoints.Merge(history, sparks.GetValueOrDefault(key) ?? SparkPoints.Empty);
                    }
                    loaded.Add(metric);
                }
                next = now with { Sparks = sparks, Loaded = loaded, HistoryError = null };
            }
            current = next;
        }
        Changed?.Invoke(next);
    }

    public void Dispose()
    {
        subscription?.Dispose();
        stopping.Cancel();
    }
}

/// <summary>One moment of the board: immutable, shared by every page that shows it.</summary>
public sealed record GaugeBoardState(
    GaugeBatch Batch,
    IReadOnlyDictionary<(string Metric, string Entity), SparkPoints> Sparks,
    IReadOnlySet<string> Loaded,
    string? HistoryError,
    bool HasHistorySource)
{
    /// <summary>The sparkline of a series; null while its history is still being read (none is drawn yet).</summary>
    public SparkPoints? SparklineFor(string metricId, string entity) =>
        !HasHistorySource || Loaded.Contains(metricId) ? Sparks.GetValueOrDefault((metricId, entity)) ?? SparkPoints.Empty : null;
}

/// <summary>The last hour of one series, oldest first; a new instance for every change, so a reference names a version.</summary>
public sealed class SparkPoints
{
    public static readonly SparkPoints Empty = new([]);

    private SparkPoints((DateTimeOffset At, double Value)[] points) => Points = points;

    public IReadOnlyList<(DateTimeOffset At, double Value)> Points { get; }

    public int Count => Points.Count;

    public (DateTimeOffset At, double Value) Last => Points[^1];

    /// <summary>This series plus one newer point, without points older than <paramref name="from"/>.</summary>
    public SparkPoints Append(DateTimeOffset at, double value, DateTimeOffset from) =>
        new([.. Points.Where(p => p.At >= from), (at, value)]);

    /// <summary>Stored history, then the live points that arrived while it was read.</summary>
    public static SparkPoints Merge(IReadOnlyList<(DateTimeOffset At, double Value)> history, SparkPoints live)
    {
        var newer = history.Count == 0 ? live.Points : live.Points.Where(p => p.At > history[^1].At);
        return new([.. history.Where(p => double.IsFinite(p.Value)), .. newer]);
    }
}
