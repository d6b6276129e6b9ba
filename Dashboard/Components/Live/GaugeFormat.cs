using Dashboard.Domain.Series;
using System.Globalization;
using Dashboard.Components.Shared;
using Dashboard.Domain.Catalog;
using Dashboard.Domain.Health;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Live;
using MudBlazor;

namespace Dashboard.Components.Live;

/// <summary>The range a gauge's bar and sparkline are drawn over.</summary>
public readonly record struct GaugeScale(double Min, double Max)
{
    /// <summary>Where <paramref name="value"/> falls on the scale, 0-100 (clamped).</summary>
    public double PercentOf(double value) =>
        Max <= Min ? 0 : Math.Clamp((value - Min) / (Max - Min) * 100, 0, 100);
}

/// <summary>
/// How a gauge speaks (docs/ui.md): a status is a colour, an icon and a word together; values carry
/// their unit; thresholds read the right way round for below-is-bad metrics.
/// </summary>
public static class GaugeFormat
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public static Color Colour(HealthStatus status) => status switch
    {
        HealthStatus.Ok => Color.Success,
        HealthStatus.Warning => Color.Warning,
        HealthStatus.Critical => Color.Error,
        _ => Color.Dark,
    };

    public static string Icon(HealthStatus status) => status switch
    {
        HealthStatus.Ok => Icons.Material.Filled.CheckCircle,
        HealthStatus.Warning => Icons.Material.Filled.Warning,
        HealthStatus.Critical => Icons.Material.Filled.Error,
        HealthStatus.Stale => Icons.Material.Filled.HourglassDisabled,
        _ => Icons.Material.Filled.CloudOff,
    };

    public static string Word(HealthStatus status) => status switch
    {
        HealthStatus.Ok => "Ok",
        HealthStatus.Warning => "Warning",
        HealthStatus.Critical => "Critical",
        HealthStatus.Stale => "Stale",
        _ => "No data",
    };

    /// <summary>"warning above 70 % · critical above 90 %" or, below-is-bad, "warning below 99.9 % · critical below 99.5 %".</summary>
    public static string Thresholds(GaugeSnapshot gauge)
    {
        var side = gauge.Direction == ThresholdDirection.BelowIsBad ? "below" : "above";
        return $"warning {side} {Humanize.Value(gauge.Warning, gauge.Unit)} · critical {side} {Humanize.Value(gauge.Critical, gauge.Unit)}";
    }

    /// <summary>
    /// A series' reading now with its time, as every page shows it ("72 % · 14:05"); "stale: 72 % · 14:05" when its
    /// source is stale or no pass has refreshed it, "no data" without a value.
    /// </summary>
    public static string ReadingAt(Dashboard.Jobs.Readings.SeriesReading? reading, string unit) => reading switch
    {
        { Value: { } value, SampledAt: { } at, IsFresh: true } => $"{Humanize.Value(value, unit)} · {Clock(at, seconds: false)}",
        { Value: { } value, SampledAt: { } at } => $"stale: {Humanize.Value(value, unit)} · {Clock(at, seconds: false)}",
        { Status: HealthStatus.Stale } => "stale: no value",
        _ => "no data",
    };

    /// <summary>A clock time of day, local to the server like the rest of the UI ("14:05:12").</summary>
    public static string Clock(DateTimeOffset at, bool seconds = true) =>
        at.ToLocalTime().ToString(seconds ? "HH:mm:ss" : "HH:mm", Culture);

    /// <summary>
    /// The scale: percentages of a resource run 0-100 when the critical level is high; small
    /// or unbounded levels (error rate, latency, queue) get room past critical so both marks show
    /// apart; below-is-bad levels (uptime 99.5-99.9) zoom in on the band below 100 so the marks do
    /// not sit on top of each other. A value outside the scale widens it.
    /// </summary>
    public static GaugeScale Scale(GaugeSnapshot gauge, IEnumerable<double>? alsoShow = null)
    {
        double min, max;
        if (gauge.Direction == ThresholdDirection.BelowIsBad)
        {
            var band = Math.Max(gauge.Warning - gauge.Critical, Math.Abs(gauge.Warning) * 0.01);
            min = Math.Max(0, gauge.Critical - (2 * band));
            max = gauge.Unit == MetricUnits.Percent ? 100 : gauge.Warning + band;
        }
        else
        {
            min = 0;
            max = gauge.Critical * 1.25;
            if (gauge.Unit == MetricUnits.Percent && max > 100)
            {
                max = 100;
            }
        }
        foreach (var v in (alsoShow ?? []).Concat(gauge.Value is { } value ? [value] : []))
        {
            if (double.IsFinite(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }
        return new GaugeScale(min, max <= min ? min + 1 : max);
    }

    /// <summary>A number for a CSS property, whatever the server's culture.</summary>
    public static string Css(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// A short name for a series' entity: the Postgres target or database server, else the host by name when a label
    /// gives one (hostname, host, nodename, node, kubernetes_node, pod), else the scrape address without the exporter's
    /// port (a loopback address reads "localhost"); then the mount point, database or standby when there is one;
    /// "all" for a series without labels.
    /// </summary>
    public static string ShortEntity(string entity)
    {
        var labels = LabelSet.TryParse(entity, out var set) ? set.Labels.ToDictionary(StringComparer.Ordinal) : [];
        if (labels.Count == 0)
        {
            return string.IsNullOrWhiteSpace(entity) ? "all" : entity;
        }
        var parts = new List<string>();
        if (NameLabels.Select(l => labels.GetValueOrDefault(l)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) is { } name)
        {
            // A database server's port tells two servers on one host apart: kept; a loopback address still reads "localhost".
            parts.Add(WithLoopbackNamed(name));
        }
        else if (labels.TryGetValue("instance", out var instance))
        {
            parts.Add(HostOf(instance));
        }
        foreach (var detail in new[] { "mountpoint", "database", "standby" })
        {
            if (labels.TryGetValue(detail, out var value))
            {
                parts.Add(value);
            }
        }
        return parts.Count > 0 ? string.Join(" ", parts) : string.Join(" ", labels.Values);
    }

    // What names the thing a series is about, best first: a Postgres target or server, then a host or pod by name.
    private static readonly string[] NameLabels = ["target", "server", "hostname", "host", "nodename", "node", "kubernetes_node", "pod"];

    /// <summary>
    /// The window a gauge's reading covers, when it is not a moment: availability is the share of
    /// good events over the SLI's 5-minute window, from the source its <c>sli</c> label names.
    /// </summary>
    public static string? WindowCaption(GaugeSnapshot gauge)
    {
        if (gauge.MetricId != MetricIds.Uptime)
        {
            return null;
        }
        var source = LabelSet.TryParse(gauge.Entity, out var labels) ? labels["sli"] : null;
        var minutes = Jobs.Sources.Prometheus.DefaultQueries.AvailabilityWindow.TotalMinutes;
        return source switch
        {
            "probes" => $"probes succeeding · last {minutes:0} min",
            "up" => $"targets up · last {minutes:0} min (fallback: no request metrics)",
            _ => $"requests without a 5xx · last {minutes:0} min",
        };
    }

    /// <summary>The monitored application's own series come first, then hosts and databases.</summary>
    public static bool IsApplication(string entity) =>
        LabelSet.TryParse(entity, out var labels) && (labels["job"] == "demo" || labels["instance"] == "demo-saas");

    /// <summary>
    /// An address as people read it: "localhost:5433/dashboard" for "127.0.0.1:5433/dashboard" (a loopback host is named;
    /// port and path stay, since they tell two servers on one host apart).
    /// </summary>
    public static string NamedAddress(string address)
    {
        var slash = address.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? WithLoopbackNamed(address) : WithLoopbackNamed(address[..slash]) + address[slash..];
    }

    private static string WithLoopbackNamed(string address)
    {
        if (HostOf(address) != "localhost")
        {
            return address;
        }
        var colon = address.LastIndexOf(':');
        return "localhost" + (colon > 0 && address[(colon + 1)..].All(char.IsAsciiDigit) && !address.EndsWith(']') ? address[colon..] : "");
    }

    /// <summary>The host of a scrape address: without the exporter's port; a loopback address is "localhost".</summary>
    internal static string HostOf(string instance)
    {
        var colon = instance.LastIndexOf(':');
        var host = colon > 0 && instance[(colon + 1)..].All(char.IsAsciiDigit) && !instance.EndsWith(']') ? instance[..colon] : instance;
        return System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address) ? "localhost" : host;
    }
}
