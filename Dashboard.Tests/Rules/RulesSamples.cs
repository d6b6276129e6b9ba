using Dashboard.Domain.Business;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Resources;
using Dashboard.Jobs.Rules;
using Dashboard.Rules;

namespace Dashboard.Tests.Rules;

/// <summary>The built-in catalog as the endpoint builds it, plus a resource with a capacity query and a below-is-bad one.</summary>
internal static class RulesSamples
{
    public static readonly Slo Slo = new(Percent.Of(99.9));

    /// <summary>Usage over capacity per instance, so its levels are percent of capacity; sustained 10 minutes; a note with braces.</summary>
    public static readonly ResourceSpec RedisMemory = new(
        "redis_memory", "Redis memory", MetricCategory.Saturation, MetricUnits.Bytes, ThresholdDirection.AboveIsBad, 80, 95,
        TimeSpan.FromMinutes(10), "redis_memory_used_bytes", "redis_memory_max_bytes", "instance", "Session cache {{ owned by platform }}");

    /// <summary>Low is bad, no sustained window.</summary>
    public static readonly ResourceSpec CacheHitRatio = new(
        "cache_hit_ratio", "Cache hit ratio", MetricCategory.Saturation, MetricUnits.Percent, ThresholdDirection.BelowIsBad, 90, 80,
        null, "100 * sum(rate(cache_hits_total[5m])) / sum(rate(cache_requests_total[5m]))");

    public static RulesInput BuiltInsPlusCustom()
    {
        var builtIns = RulesInputSource.From(MetricCatalog.Default, null, Slo);
        return builtIns with { Resources = [.. builtIns.Resources, RedisMemory, CacheHitRatio] };
    }
}
