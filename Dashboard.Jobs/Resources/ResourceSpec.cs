using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Domain.WhatIf;

namespace Dashboard.Jobs.Resources;

/// <summary>
/// One resource as data: what it is, how to read it from Prometheus, and when it is in trouble.
/// Built-ins (the twelve catalog metrics) and user-defined resources have the same shape; presets
/// are lists of these.
/// <para>
/// Without <see cref="CapacityQuery"/>, the usage query's values are the figure, in <see cref="Unit"/>, and
/// the levels are in that unit. With it, the figure is usage as a percentage of capacity (so the levels are
/// percentages and "runs out on" is the date it crosses them), matched series by series on
/// <see cref="EntityLabel"/> (or, without one, one capacity for every usage series).
/// </para>
/// </summary>
/// <param name="Id">Stable id: lower case letters, digits and underscores, starting with a letter (e.g. <c>redis_memory</c>).</param>
/// <param name="Name">Display name (e.g. "Redis memory").</param>
/// <param name="Category">Group; decides which roles see it (designers see availability, latency, errors and business).</param>
/// <param name="Unit">Unit of the usage query's values: one of <see cref="MetricUnits"/>.</param>
/// <param name="Direction">Whether high or low values are bad.</param>
/// <param name="Warning">Warning level (percent of capacity when there is a capacity query).</param>
/// <param name="Critical">Critical level, same unit.</param>
/// <param name="SustainedFor">How long a level must hold before it counts; null = at once.</param>
/// <param name="UsageQuery">PromQL answering the current usage, one series per entity.</param>
/// <param name="CapacityQuery">Optional PromQL answering the capacity of each entity, in the same unit.</param>
/// <param name="EntityLabel">The label whose value names an entity (e.g. <c>instance</c>), or several comma-separated (<c>namespace, pod</c>: <see cref="EntityLabels"/>); null when the series have no entity.</param>
/// <param name="Note">Free text shown beside the resource (what it is, who owns it).</param>
/// <param name="LoadModel">How the what-if projects it.</param>
public sealed record ResourceSpec(
    string Id,
    string Name,
    MetricCategory Category,
    string Unit,
    ThresholdDirection Direction,
    double Warning,
    double Critical,
    TimeSpan? SustainedFor,
    string UsageQuery,
    string? CapacityQuery = null,
    string? EntityLabel = null,
    string Note = "",
    LoadModelChoice LoadModel = LoadModelChoice.Auto)
{
    /// <summary>The unit of the figure shown, stored and judged: percent of capacity when there is a capacity query.</summary>
    public string MeasuredUnit => CapacityQuery is null ? Unit : MetricUnits.Percent;
}
