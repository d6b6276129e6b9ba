using Dashboard.Domain.Values;

namespace Dashboard.Domain.Catalog;

/// <summary>
/// The key metrics and their thresholds, as data. <see cref="Default"/> holds the twelve metrics
/// of the chapter's table; <see cref="WithOverrides"/> applies a deployment's settings.
/// </summary>
public sealed class MetricCatalog
{
    /// <summary>The default sustained-for window of CPU ("&gt; 70 % sustained"): five minutes,
    /// the usual <c>for: 5m</c> of a node_exporter CPU alert.</summary>
    public static readonly TimeSpan DefaultCpuSustainedFor = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, MetricDefinition> byId;

    /// <summary>Creates a catalog; throws <see cref="DomainValidationException"/> when two metrics share an id.</summary>
    /// <param name="metrics">The metrics, in display order.</param>
    public MetricCatalog(IEnumerable<MetricDefinition> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Metrics = [.. metrics];
        byId = new Dictionary<string, MetricDefinition>(StringComparer.Ordinal);
        foreach (var metric in Metrics)
        {
            if (!byId.TryAdd(metric.Id, metric))
            {
                throw new DomainValidationException($"Metric id '{metric.Id}' appears more than once in the catalog.");
            }
        }
    }

    /// <summary>The twelve key metrics of the chapter's thresholds table.</summary>
    public static MetricCatalog Default { get; } = new(
    [
        Define(MetricIds.Uptime, MetricCategory.Availability, "Availability (uptime)", 99.9, 99.5, ThresholdDirection.BelowIsBad, MetricUnits.Percent),
        Define(MetricIds.LatencyP50, MetricCategory.Latency, "p50 response time", 200, 500, ThresholdDirection.AboveIsBad, MetricUnits.Milliseconds),
        Define(MetricIds.LatencyP99, MetricCategory.Latency, "p99 response time", 1000, 3000, ThresholdDirection.AboveIsBad, MetricUnits.Milliseconds),
        Define(MetricIds.ErrorRate, MetricCategory.Errors, "Error rate", 0.5, 2, ThresholdDirection.AboveIsBad, MetricUnits.Percent),
        Define(MetricIds.Cpu, MetricCategory.Saturation, "CPU utilization", 70, 90, ThresholdDirection.AboveIsBad, MetricUnits.Percent, DefaultCpuSustainedFor),
        Define(MetricIds.Memory, MetricCategory.Saturation, "Memory usage", 80, 90, ThresholdDirection.AboveIsBad, MetricUnits.Percent),
        Define(MetricIds.DbConnections, MetricCategory.Saturation, "DB connections (% of pool)", 70, 90, ThresholdDirection.AboveIsBad, MetricUnits.Percent),
        Define(MetricIds.Disk, MetricCategory.Saturation, "Disk usage", 75, 90, ThresholdDirection.AboveIsBad, MetricUnits.Percent),
        Define(MetricIds.QueueDepth, MetricCategory.Queue, "Queue depth", 1_000, 10_000, ThresholdDirection.AboveIsBad, MetricUnits.Count),
        Define(MetricIds.QueueLatency, MetricCategory.Queue, "Processing latency", 30, 300, ThresholdDirection.AboveIsBad, MetricUnits.Seconds),
        Define(MetricIds.SignupSuccess, MetricCategory.Business, "Signup success rate", 95, 85, ThresholdDirection.BelowIsBad, MetricUnits.Percent),
        Define(MetricIds.PaymentSuccess, MetricCategory.Business, "Payment success rate", 98, 95, ThresholdDirection.BelowIsBad, MetricUnits.Percent),
    ]);

    /// <summary>The metrics, in display order.</summary>
    public IReadOnlyList<MetricDefinition> Metrics { get; }

    /// <summary>The metric with <paramref name="id"/>; throws <see cref="DomainValidationException"/> naming the id when there is none.</summary>
    /// <param name="id">A metric id.</param>
    public MetricDefinition Get(string id) =>
        TryGet(id, out var metric) ? metric : throw new DomainValidationException($"Unknown metric id '{id}'.");

    /// <summary>Looks a metric up by id.</summary>
    /// <param name="id">A metric id.</param>
    /// <param name="metric">The metric when found.</param>
    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MetricDefinition? metric) =>
        byId.TryGetValue(id, out metric);

    /// <summary>
    /// A copy of this catalog with the overrides applied. Every override is checked; when any is
    /// invalid (unknown id, bad levels, same id twice) one <see cref="DomainValidationException"/>
    /// lists all problems and nothing is applied.
    /// </summary>
    /// <param name="overrides">A deployment's threshold settings.</param>
    public MetricCatalog WithOverrides(IEnumerable<ThresholdOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var errors = new List<string>();
        var replaced = new Dictionary<string, MetricDefinition>(StringComparer.Ordinal);
        foreach (var change in overrides)
        {
            if (!byId.TryGetValue(change.MetricId ?? string.Empty, out var metric))
            {
                errors.Add($"Unknown metric id '{change.MetricId}'.");
                continue;
            }

            if (replaced.ContainsKey(metric.Id))
            {
                errors.Add($"Metric '{metric.Id}' is overridden more than once.");
                continue;
            }

            try
            {
                replaced[metric.Id] = metric.WithThreshold(Apply(metric.Threshold, change));
            }
            catch (DomainValidationException ex)
            {
                errors.Add($"Metric '{metric.Id}': {ex.Message}");
            }
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException("Invalid threshold overrides: " + string.Join(" ", errors));
        }

        return new MetricCatalog(Metrics.Select(m => replaced.GetValueOrDefault(m.Id, m)));
    }

    private static Threshold Apply(Threshold current, ThresholdOverride change)
    {
        var sustained = change.SustainedFor switch
        {
            null => current.SustainedFor,
            { } window when window == TimeSpan.Zero => null,
            { } window => window,
        };
        return new Threshold(
            change.Warning ?? current.Warning,
            change.Critical ?? current.Critical,
            current.Direction,
            current.Unit,
            sustained);
    }

    private static MetricDefinition Define(
        string id,
        MetricCategory category,
        string name,
        double warning,
        double critical,
        ThresholdDirection direction,
        string unit,
        TimeSpan? sustainedFor = null) =>
        new(id, category, name, new Threshold(warning, critical, direction, unit, sustainedFor));
}
