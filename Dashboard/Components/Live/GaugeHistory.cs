using Dashboard.Jobs.Storage;

namespace Dashboard.Components.Live;

/// <summary>The last hour of every series of one metric, keyed by entity, oldest first.</summary>
public delegate Task<IReadOnlyDictionary<string, IReadOnlyList<(DateTimeOffset At, double Value)>>> LastHourLoader(
    string metricId, CancellationToken cancellationToken);

/// <summary>Sparkline history from the observation store (the read replica), for the pages that host a <see cref="GaugeGrid"/>.</summary>
public static class GaugeHistory
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public static LastHourLoader From(ObservationHistory history, TimeProvider time) => async (metricId, cancellationToken) =>
    {
        var to = time.GetUtcNow();
        // Auto picks raw points for an hour; a minute of slack keeps the newest sample in [from, to).
        var series = await history.GetAsync(metricId, null, to - Window, to + TimeSpan.FromMinutes(1), HistoryResolution.Auto, cancellationToken);
        return series.ToDictionary(
            s => s.Entity,
            s => (IReadOnlyList<(DateTimeOffset At, double Value)>)[.. s.Points.Select(p => (p.Time, p.Avg))],
            StringComparer.Ordinal);
    };
}
