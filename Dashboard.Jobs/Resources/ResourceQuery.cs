namespace Dashboard.Jobs.Resources;

/// <summary>
/// The one PromQL expression a resource is measured by (ingest, backfill, preview and the generated
/// Prometheus rules all use it): the usage query itself, or, with a capacity query, usage as a
/// percentage of capacity joined on the entity label. Prometheus does the join, so an instant query,
/// a range query for backfill and a recording rule all mean the same thing.
/// </summary>
public static class ResourceQuery
{
    /// <summary>The expression whose values are the resource's figure, in <see cref="ResourceSpec.MeasuredUnit"/>.</summary>
    public static string Measured(ResourceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Measured(spec.UsageQuery, spec.CapacityQuery, spec.EntityLabel);
    }

    /// <summary>
    /// Usage alone, or <c>100 * usage / on (label) group_left () max by (label) (capacity)</c>: each usage series
    /// over its entity's capacity (the largest when capacity has several series per entity); without an entity
    /// label, every usage series over the one largest capacity.
    /// </summary>
    public static string Measured(string usageQuery, string? capacityQuery, string? entityLabel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(usageQuery);
        if (string.IsNullOrWhiteSpace(capacityQuery))
        {
            return usageQuery.Trim();
        }
        return string.IsNullOrWhiteSpace(entityLabel)
            ? $"100 * ({usageQuery.Trim()}) / on () group_left () max ({capacityQuery.Trim()})"
            : $"100 * ({usageQuery.Trim()}) / on ({entityLabel}) group_left () max by ({entityLabel}) ({capacityQuery.Trim()})";
    }
}
