using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Ingest;

namespace Dashboard.Jobs.Demo;

/// <summary>
/// Generates the demo system's past: every catalog metric (and active users) at a fixed step
/// for the days before the demo started, from the same <see cref="DemoTrafficModel"/> as the
/// live target, with measurement noise. Each series is written under the entity the live demo
/// series of that metric has (<see cref="DemoFleet.EntityOf"/>), so the generated past and the
/// scraped present are one series; the machine's own exporters stay series of their own. Each route's
/// p50 and p99 latency is generated for the last <see cref="RouteSpan"/>, so the designer's per-route
/// charts have a past on a fresh start (a Prometheus that just started has none to backfill from).
/// </summary>
public static class DemoHistory
{
    /// <summary>Metric id of the users series, used for the growth-stage forecast.</summary>
    public const string ActiveUsersMetric = Forecasting.ForecastSeriesIds.ActiveUsers;

    private const string RouteLatencyP50 = Sources.Prometheus.DefaultQueries.RouteLatencyP50;
    private const string RouteLatencyP99 = Sources.Prometheus.DefaultQueries.RouteLatencyP99;

    /// <summary>How far back per-route latency is generated: the longest range the designer's view offers.</summary>
    public static readonly TimeSpan RouteSpan = TimeSpan.FromDays(7);

    public static IEnumerable<Observation> Generate(DemoTrafficModel model, TimeSpan span, TimeSpan step, int seed = 90)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        var random = new Random(seed);
        var end = model.Anchor;
        var start = end - span;
        var entities = Forecasting.ForecastSeriesIds.All.ToDictionary(id => id, id => DemoFleet.EntityOf(id).Text);
        for (var t = start; t < end; t += step)
        {
            var s = model.At(t);
            double Noisy(double v, double relative) => v * (1 + relative * (random.NextDouble() * 2 - 1));
            // One draw of the 5xx share feeds both the error rate and the availability SLI (its complement).
            var errors = Math.Clamp(Noisy(s.ErrorRatePercent, 0.2), 0, 100);
            yield return new Observation(MetricIds.Cpu, entities[MetricIds.Cpu], t, Math.Clamp(Noisy(s.CpuPercent, 0.05), 0, 100));
            yield return new Observation(MetricIds.Memory, entities[MetricIds.Memory], t, Math.Clamp(Noisy(s.MemoryPercent, 0.01), 0, 100));
            yield return new Observation(MetricIds.Disk, entities[MetricIds.Disk], t, s.DiskPercent);
            yield return new Observation(MetricIds.DbConnections, entities[MetricIds.DbConnections], t, Math.Clamp(Noisy(s.DbConnectionsPercent, 0.05), 0, 100));
            yield return new Observation(MetricIds.LatencyP50, entities[MetricIds.LatencyP50], t, Noisy(s.LatencyP50Ms, 0.08));
            yield return new Observation(MetricIds.LatencyP99, entities[MetricIds.LatencyP99], t, Noisy(s.LatencyP99Ms, 0.12));
            yield return new Observation(MetricIds.ErrorRate, entities[MetricIds.ErrorRate], t, errors);
            yield return new Observation(MetricIds.QueueDepth, entities[MetricIds.QueueDepth], t, Math.Round(Noisy(s.QueueDepth, 0.15)));
            yield return new Observation(MetricIds.QueueLatency, entities[MetricIds.QueueLatency], t, Noisy(s.QueueLatencySeconds, 0.15));
            yield return new Observation(MetricIds.SignupSuccess, entities[MetricIds.SignupSuccess], t, Math.Clamp(Noisy(s.SignupSuccessPercent, 0.005), 0, 100));
            yield return new Observation(MetricIds.PaymentSuccess, entities[MetricIds.PaymentSuccess], t, Math.Clamp(Noisy(s.PaymentSuccessPercent, 0.002), 0, 100));
            yield return new Observation(MetricIds.Uptime, entities[MetricIds.Uptime], t, 100 - errors);
            yield return new Observation(ActiveUsersMetric, entities[ActiveUsersMetric], t, Math.Round(s.ActiveUsers));
            if (end - t > RouteSpan)
            {
                continue;
            }
            foreach (var route in DemoFleet.Routes)
            {
                // As the live workload draws them: the route's median is the application's times its factor, p99 likewise.
                var entity = DemoFleet.RouteEntity(route.Route).Text;
                yield return new Observation(RouteLatencyP50, entity, t, Noisy(s.LatencyP50Ms * route.LatencyFactor, 0.08));
                yield return new Observation(RouteLatencyP99, entity, t, Noisy(s.LatencyP99Ms * route.LatencyFactor, 0.12));
            }
        }
    }
}
