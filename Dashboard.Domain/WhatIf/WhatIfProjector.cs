using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;

namespace Dashboard.Domain.WhatIf;

/// <summary>
/// "What breaks at 3x? at 10x?": projects each load-driven catalog metric from today's reading to a load multiplier,
/// says which threshold it crosses there and at which multiplier it crosses warning and critical.
/// The capacity model is in docs/decisions/008-what-if-load-model.md.
/// </summary>
public static class WhatIfProjector
{
    /// <summary>The lowest multiplier: today's load.</summary>
    public const double MinimumMultiplier = 1;

    /// <summary>The highest multiplier the model answers for.</summary>
    public const double MaximumMultiplier = 20;

    /// <summary>
    /// Projects every catalog metric that has a load model and a reading to <paramref name="multiplier"/> times today's
    /// load. Throws <see cref="DomainValidationException"/> naming the value when the multiplier is outside 1-20, a
    /// baseline names an unknown metric or the same metric twice, or a reading is not finite, negative, or above 100
    /// for a percentage. A metric without a reading is listed as not projected, never taken as 0.
    /// </summary>
    /// <param name="catalog">The metrics and their thresholds (with a deployment's overrides).</param>
    /// <param name="baselines">Today's readings, at most one per metric.</param>
    /// <param name="multiplier">The load to project to, as a multiple of today's, 1 to 20.</param>
    /// <param name="assumptions">The model's assumptions; null for <see cref="WhatIfAssumptions.Default"/>.</param>
    public static WhatIfReport Project(
        MetricCatalog catalog,
        IReadOnlyList<LoadBaseline> baselines,
        double multiplier,
        WhatIfAssumptions? assumptions = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(baselines);
        Guard.InRange(multiplier, MinimumMultiplier, MaximumMultiplier, "What-if load multiplier");
        var readings = Index(catalog, baselines);
        var factory = new LoadModelFactory(readings, assumptions ?? WhatIfAssumptions.Default);

        var projected = new List<ResourceProjection>();
        var notProjected = new List<NotProjectedMetric>();
        foreach (var metric in catalog.Metrics)
        {
            if (factory.Create(metric, out var reason) is { } model)
            {
                projected.Add(ProjectOne(metric, readings[metric.Id].CurrentValue, model, multiplier));
            }
            else
            {
                notProjected.Add(new NotProjectedMetric(metric.Id, reason));
            }
        }

        return new WhatIfReport(multiplier, Rank(projected, p => p), notProjected);
    }

    private static ResourceProjection ProjectOne(MetricDefinition metric, double current, LoadModel model, double multiplier) =>
        new(
            metric.Id,
            metric.Name,
            metric.Unit,
            current,
            model.ValueAt(multiplier),
            model.IsSaturatedAt(multiplier),
            BreachAt(metric.Threshold, model, multiplier),
            FirstMultiplierReaching(metric.Threshold, model, ThresholdBreach.Warning),
            FirstMultiplierReaching(metric.Threshold, model, ThresholdBreach.Critical),
            model.Description)
        {
            InWords = model.InWords,
        };

    // Saturation is critical whatever the number says: past it the numbers are only lower bounds.
    private static ThresholdBreach BreachAt(Threshold threshold, LoadModel model, double multiplier) =>
        model.IsSaturatedAt(multiplier) ? ThresholdBreach.Critical : threshold.Classify(model.ValueAt(multiplier));

    /// <summary>
    /// The lowest multiplier in 1-20 at which the metric is at <paramref name="level"/> or worse: 1 when it already is,
    /// null when it is not even at 20x. The breach only rises with the multiplier, so bisection finds the edge to the
    /// last representable double; the value returned is just past it (strict thresholds: at the edge itself the value
    /// equals the level and is not yet a breach).
    /// </summary>
    private static double? FirstMultiplierReaching(Threshold threshold, LoadModel model, ThresholdBreach level)
    {
        if (BreachAt(threshold, model, MinimumMultiplier) >= level)
        {
            return MinimumMultiplier;
        }

        if (BreachAt(threshold, model, MaximumMultiplier) < level)
        {
            return null;
        }

        double below = MinimumMultiplier, reached = MaximumMultiplier;
        while (true)
        {
            var middle = below + ((reached - below) / 2);
            if (middle <= below || middle >= reached)
            {
                return reached;
            }

            if (BreachAt(threshold, model, middle) >= level)
            {
                reached = middle;
            }
            else
            {
                below = middle;
            }
        }
    }

    /// <summary>Critical first, then warning, then ok; within each, the one that got there (or will, for ok) at the
    /// lowest multiplier first, then the lower critical multiplier; the given order (catalog order) breaks the remaining ties.
    /// Public so that per-series projections (one row per metric and entity) rank the same way.</summary>
    public static List<T> Rank<T>(IEnumerable<T> items, Func<T, ResourceProjection> projectionOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(projectionOf);
        return [.. items
            .Select((item, order) => (item, projection: projectionOf(item), order))
            .OrderByDescending(p => p.projection.Breach)
            .ThenBy(p => OrNever(p.projection.Breach == ThresholdBreach.Critical ? p.projection.CriticalAtMultiplier : p.projection.WarningAtMultiplier))
            .ThenBy(p => OrNever(p.projection.CriticalAtMultiplier))
            .ThenBy(p => p.order)
            .Select(p => p.item)];
    }

    private static double OrNever(double? multiplier) => multiplier ?? double.PositiveInfinity;

    private static Dictionary<string, LoadBaseline> Index(MetricCatalog catalog, IReadOnlyList<LoadBaseline> baselines)
    {
        var byId = new Dictionary<string, LoadBaseline>(StringComparer.Ordinal);
        foreach (var baseline in baselines)
        {
            ArgumentNullException.ThrowIfNull(baseline, nameof(baselines));
            if (!catalog.TryGet(baseline.MetricId ?? string.Empty, out var metric))
            {
                throw new DomainValidationException($"Unknown metric id '{baseline.MetricId}' in the what-if baselines.");
            }

            if (!byId.TryAdd(metric.Id, baseline))
            {
                throw new DomainValidationException($"Metric '{metric.Id}' has more than one what-if baseline.");
            }

            var name = $"Current reading of '{metric.Id}'";
            Guard.NonNegative(baseline.CurrentValue, name);
            if (metric.Unit == MetricUnits.Percent)
            {
                Guard.InRange(baseline.CurrentValue, 0, 100, name);
            }

            if (baseline.GrowthPerDay is { } growth)
            {
                Guard.Finite(growth, $"Growth per day of '{metric.Id}'");
            }
        }

        return byId;
    }
}
