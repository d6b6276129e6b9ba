using Dashboard.Domain.Catalog;
using Dashboard.Domain.WhatIf;

namespace Dashboard.Jobs.Resources.Presets;

/// <summary>A catalog metric re-pointed at another query: everything but the query (and the entity and note) is the catalog's.</summary>
internal static class BuiltInResource
{
    public static ResourceSpec Repoint(string metricId, string usageQuery, string? entityLabel, string note)
    {
        var metric = MetricCatalog.Default.Get(metricId);
        var threshold = metric.Threshold;
        return new ResourceSpec(metric.Id, metric.Name, metric.Category, metric.Unit, threshold.Direction, threshold.Warning, threshold.Critical,
            threshold.SustainedFor, usageQuery, EntityLabel: entityLabel, Note: note, LoadModel: LoadModelChoice.Auto);
    }
}
