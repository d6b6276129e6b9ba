using Dashboard.Domain.Values;

namespace Dashboard.Domain.Catalog;

/// <summary>One key metric: its stable id, its group, its display name and its threshold.</summary>
public sealed record MetricDefinition
{
    /// <summary>Creates a definition; throws <see cref="DomainValidationException"/> when the id or name is empty.</summary>
    /// <param name="id">Stable string id, e.g. "latency_p99".</param>
    /// <param name="category">The group in the key-metrics table.</param>
    /// <param name="name">Display name, e.g. "p99 response time".</param>
    /// <param name="threshold">Warning and critical levels, in the metric's unit.</param>
    public MetricDefinition(string id, MetricCategory category, string name, Threshold threshold)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new DomainValidationException("Metric id must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainValidationException($"Metric '{id}' must have a display name.");
        }

        Id = id;
        Category = category;
        Name = name;
        Threshold = threshold;
    }

    /// <summary>Stable string id.</summary>
    public string Id { get; }

    /// <summary>The group in the key-metrics table.</summary>
    public MetricCategory Category { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>The unit values of this metric are in (the threshold's unit).</summary>
    public string Unit => Threshold.Unit;

    /// <summary>Warning and critical levels.</summary>
    public Threshold Threshold { get; }

    /// <summary>How the what-if projects it; <see cref="WhatIf.LoadModelChoice.Auto"/> (the built-ins) picks the model from the id.</summary>
    public WhatIf.LoadModelChoice LoadModel { get; init; } = WhatIf.LoadModelChoice.Auto;

    /// <summary>The same metric with another threshold (a per-deployment override).</summary>
    /// <param name="threshold">The new levels.</param>
    public MetricDefinition WithThreshold(Threshold threshold) => new(Id, Category, Name, threshold) { LoadModel = LoadModel };
}
