using Dashboard.Domain.Catalog;

namespace Dashboard.Jobs.Resources.Presets;

/// <summary>
/// A pack of resources for something teams run (node_exporter hosts, Kubernetes, Redis, ...), as data. A resource
/// whose id is a catalog metric id re-points that built-in (same id, its query replaced); any other id is a
/// custom resource. Detection proposes the pack when Prometheus holds every one of <see cref="RequiredMetrics"/>.
/// </summary>
/// <param name="Id">Stable id, lower case with dashes (e.g. <c>otel-http</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="Description">One or two sentences: what it reads and from which exporter.</param>
/// <param name="RequiredMetrics">Metric names (as Prometheus lists them: <c>_bucket</c>, <c>_total</c> included) that must all exist for the pack to be proposed.</param>
/// <param name="Resources">The resources it defines or re-points.</param>
public sealed record Preset(
    string Id,
    string Name,
    string Description,
    IReadOnlyList<string> RequiredMetrics,
    IReadOnlyList<ResourceSpec> Resources)
{
    /// <summary>The catalog metrics this pack re-points, in its order (packs that re-point the same ones are alternatives).</summary>
    public IReadOnlyList<string> RepointedBuiltIns { get; } =
        [.. Resources.Select(r => r.Id).Where(id => MetricCatalog.Default.TryGet(id, out _))];
}
