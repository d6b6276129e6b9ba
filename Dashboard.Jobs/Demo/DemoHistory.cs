using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Ingest;

namespace Dashboard.Jobs.Demo;

/// <summary>
/// Generates the demo system's past: every catalog metric (and active users) at a fixed step
/// for the days before the demo started, from the same <see cref="DemoTrafficModel"/> as the
/// live target, with measurement noise. Every series carries <see cref="Entity"/>, so demo
/// history can never be mistaken for, or mixed with, measured data.
/// </summary>
public static class DemoHistory
{
    /// <summary>The label set that marks generated demo history.</summary>
    public const string Entity = "instance=\"demo-saas\",origin=\"generated-demo-history\"";

    /// <summary>Metric id of the users series, used for the growth-stage forecast.</summary>
    public const string ActiveUsersMetric = Forecasting.ForecastSeriesIds.ActiveUsers;

    public static IEnumerable<Observation> Generate(DemoTrafficModel model, TimeSpan span, TimeSpan step, int seed = 90)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        var random = new Random(seed);
        var end = model.Anchor;
        var start = end - span;
        for (var t = start; t < end; t += step)
        {
            var s = model.At(t);
            double Noisy(double v, double relative) => v * (1 + relative * (random.NextDouble() * 2 - 1));
            yield return new Observation(MetricIds.Cpu, Entity, t, Math.Clamp(Noisy(s.CpuPercent, 0.05), 0, 100));
            yield return new Observation(MetricIds.Memory, Entity, t, Math.Clamp(Noisy(s.MemoryPercent, 0.01), 0, 100));
            yield return new Observation(MetricIds.Disk, Entity, t, s.DiskPercent);
            yield return new Observation(MetricIds.DbConnections, Entity, t, Math.Clamp(Noisy(s.DbConnectionsPercent, 0.05), 0, 100));
            yield return new Observation(MetricIds.LatencyP50, Entity, t, Noisy(s.LatencyP50Ms, 0.08));
            yield return new Observation(MetricIds.LatencyP99, Entity, t, Noisy(s.LatencyP99Ms, 0.12));
            yield return new Observation(MetricIds.ErrorRate, Entity, t, Math.Clamp(Noisy(s.ErrorRatePercent, 0.2), 0, 100));
            yield return new Observation(MetricIds.QueueDepth, Entity, t, Math.Round(Noisy(s.QueueDepth, 0.15)));
            yield return new Observation(MetricIds.QueueLatency, Entity, t, Noisy(s.QueueLatencySeconds, 0.15));
            yield return new Observation(MetricIds.SignupSuccess, Entity, t, Math.Clamp(Noisy(s.SignupSuccessPercent, 0.005), 0, 100));
            yield return new Observation(MetricIds.PaymentSuccess, Entity, t, Math.Clamp(Noisy(s.PaymentSuccessPercent, 0.002), 0, 100));
            yield return new Observation(MetricIds.Uptime, Entity, t, s.UptimePercent);
            yield return new Observation(ActiveUsersMetric, Entity, t, Math.Round(s.ActiveUsers));
        }
    }
}
