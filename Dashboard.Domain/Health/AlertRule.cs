using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;

namespace Dashboard.Domain.Health;

/// <summary>
/// When to alert on one metric: the level that counts as the condition (warning or critical),
/// how long it must hold (<see cref="For"/>, Prometheus <c>for:</c>) and how long to keep firing
/// after it stops holding (<see cref="KeepFiringFor"/>, Prometheus <c>keep_firing_for:</c>).
/// </summary>
public sealed record AlertRule
{
    /// <summary>Creates a rule; throws <see cref="DomainValidationException"/> when the level is None or a window is negative.</summary>
    /// <param name="metricId">The metric the rule watches.</param>
    /// <param name="threshold">The metric's levels.</param>
    /// <param name="level">The level that makes the condition true (the value is at or past it).</param>
    /// <param name="for">How long the condition must hold before firing; zero fires at once.</param>
    /// <param name="keepFiringFor">How long to keep firing after the condition stops holding; zero resolves at once.</param>
    public AlertRule(string metricId, Threshold threshold, ThresholdBreach level, TimeSpan @for, TimeSpan keepFiringFor)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        if (string.IsNullOrWhiteSpace(metricId))
        {
            throw new DomainValidationException("An alert rule must name its metric.");
        }

        if (level is not (ThresholdBreach.Warning or ThresholdBreach.Critical))
        {
            throw new DomainValidationException($"An alert rule's level must be Warning or Critical, but was {level}.");
        }

        if (@for < TimeSpan.Zero)
        {
            throw new DomainValidationException($"An alert rule's for window must not be negative, but was {@for}.");
        }

        if (keepFiringFor < TimeSpan.Zero)
        {
            throw new DomainValidationException($"An alert rule's keep-firing-for window must not be negative, but was {keepFiringFor}.");
        }

        MetricId = metricId;
        Threshold = threshold;
        Level = level;
        For = @for;
        KeepFiringFor = keepFiringFor;
    }

    /// <summary>The metric the rule watches.</summary>
    public string MetricId { get; }

    /// <summary>The metric's levels.</summary>
    public Threshold Threshold { get; }

    /// <summary>The level that makes the condition true.</summary>
    public ThresholdBreach Level { get; }

    /// <summary>How long the condition must hold before firing.</summary>
    public TimeSpan For { get; }

    /// <summary>How long to keep firing after the condition stops holding.</summary>
    public TimeSpan KeepFiringFor { get; }

    /// <summary>A rule for a catalog metric whose <c>for</c> window is the threshold's sustained-for window (zero when it has none).</summary>
    /// <param name="metric">The catalog metric.</param>
    /// <param name="level">Warning or Critical.</param>
    /// <param name="keepFiringFor">How long to keep firing after the condition stops holding.</param>
    public static AlertRule ForMetric(MetricDefinition metric, ThresholdBreach level, TimeSpan keepFiringFor = default)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return new AlertRule(metric.Id, metric.Threshold, level, metric.Threshold.SustainedFor ?? TimeSpan.Zero, keepFiringFor);
    }

    /// <summary>Whether <paramref name="value"/> meets the condition (is past <see cref="Level"/> or worse).</summary>
    /// <param name="value">A measurement, or null when there is none (no data never meets the condition, as in Prometheus).</param>
    public bool IsMetBy(double? value) => value is { } v && Threshold.Classify(v) >= Level;
}
