using Prometheus;

namespace Dashboard.Hosting;

/// <summary>
/// Process-wide prometheus-net defaults, applied first thing at process start (prometheus-net
/// ignores them once its default registry is in use). The .NET Meters and EventCounters bridges
/// are off: they publish one family per source instance, and when a process has several (the
/// HttpClient factory's and the global ones) the exposition gets duplicate HELP lines that
/// promtool rejects and our check-metrics warns about. Process metrics stay; the app's own are explicit.
/// </summary>
public static class MetricsDefaults
{
    private static int applied;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref applied, 1) == 0)
        {
            Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true, SuppressEventCounters = true });
        }
    }
}
