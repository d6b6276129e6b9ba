using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Resources.Presets;

namespace Dashboard.Services.Setup;

/// <summary>One definition of "up" the built-in <c>uptime</c> resource can read (decision 020), or why it cannot here.</summary>
/// <param name="Key">requests, probes or up: also the <c>sli</c> label its series carries.</param>
/// <param name="Label">The choice in words.</param>
/// <param name="Query">The PromQL the uptime resource is re-pointed to.</param>
/// <param name="Unavailable">Why it cannot be chosen on this deployment, or null.</param>
public sealed record AvailabilitySliOption(string Key, string Label, string Query, string? Unavailable);

/// <summary>The three definitions of availability, in the order decision 020 prefers them.</summary>
public static class AvailabilitySli
{
    public const string Requests = "requests";
    public const string Probes = "probes";
    public const string Up = "up";

    /// <summary>Blackbox probe success over the last 5 min, every probed target pooled.</summary>
    public const string ProbesQuery = "label_replace(100 * avg(avg_over_time(probe_success[5m])), \"sli\", \"probes\", \"\", \"\")";

    /// <summary>The share of scrape targets up over the last 5 min, every job pooled.</summary>
    public const string UpQuery = "label_replace(100 * avg(avg_over_time(up[5m])), \"sli\", \"up\", \"\", \"\")";

    /// <param name="requestPreset">The request-metric preset applied (its uptime query), or null.</param>
    /// <param name="probesFound">Prometheus holds <c>probe_success</c> (blackbox detected).</param>
    public static IReadOnlyList<AvailabilitySliOption> Options(Preset? requestPreset, bool probesFound)
    {
        var requestQuery = requestPreset?.Resources.FirstOrDefault(r => r.Id == MetricIds.Uptime)?.UsageQuery;
        return
        [
            new(Requests, requestPreset is null ? "Good requests / all requests" : $"Good requests / all requests ({requestPreset.Name})",
                requestQuery ?? "", requestQuery is null ? "No request metrics applied: pick an HTTP preset in step 2." : null),
            new(Probes, "Probe success (blackbox_exporter)", ProbesQuery,
                probesFound ? null : "Prometheus holds no probe_success series: blackbox_exporter was not detected."),
            new(Up, "Scrape targets up", UpQuery, null),
        ];
    }

    /// <summary>The uptime resource as saved now (<paramref name="current"/>) re-pointed to <paramref name="option"/>: its levels, window and load model stay.</summary>
    public static ResourceDraft Repoint(ResourceDraft current, AvailabilitySliOption option)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(option);
        return current with
        {
            UsageQuery = option.Query,
            CapacityQuery = null,
            EntityLabel = "sli",
            Note = $"Availability: {option.Label.ToLowerInvariant()}, last 5 min (chosen in setup; decision 020).",
        };
    }
}
