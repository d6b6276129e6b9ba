using System.Globalization;
using Dashboard.Domain.Business;
using Dashboard.Components.Shared;
using Dashboard.Services;

namespace Dashboard.Components.Owner;

/// <summary>The owner cards' figures in plain words (docs/ui.md): units, no false precision, dates absolute and relative.</summary>
public static class OwnerFormat
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    /// <summary>"99.94 %": two decimals near 100 %, where they are different promises.</summary>
    public static string Uptime(double? percent) => percent is { } p ? Humanize.Percent(p) : "no data";

    /// <summary>"0.6×", "14×"; "unknown" without a value.</summary>
    public static string Burn(double? rate) => rate switch
    {
        null => "unknown",
        >= 10 => $"{rate.Value.ToString("#,0", Culture)}×",
        _ => $"{rate.Value.ToString("0.#", Culture)}×",
    };

    /// <summary>"43.2 min", "2.5 h", "0 s".</summary>
    /// <summary>What the availability SLI counts, in words (the service's wording, one place).</summary>
    public static string SliNoun(string? source) => Services.BusinessSummaryService.SliNoun(source);

    public static string Minutes(double? minutes) => minutes is { } m ? Shared.Humanize.Duration(TimeSpan.FromMinutes(m)) : "unknown";

    /// <summary>"Mar 14 (in 15 days)", "now".</summary>
    public static string Date(DateTimeOffset at, DateTimeOffset now)
    {
        var days = (at - now).TotalDays;
        var relative = Math.Abs(days) < 1.0 / 24 ? "now"
            : days >= 1 ? $"in {Math.Round(days):0} days"
            : days > 0 ? $"in {Math.Max(1, Math.Round(days * 24)):0} h"
            : $"{Math.Round(-days):0} days ago";
        return $"{at.ToLocalTime().ToString("MMM d", Culture)} ({relative})";
    }

    /// <summary>"$800 – $3,000/mo", "$15K – $100K+/mo".</summary>
    public static string Budget(StageView stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return $"{Shared.Humanize.Money(stage.BudgetMinUsd)} – {Shared.Humanize.Money(stage.BudgetMaxUsd)}{(stage.BudgetOpenEnded ? "+" : "")}/mo";
    }

    /// <summary>The arrow icon for a change.</summary>
    public static string TrendIcon(ChangeDirection direction) => direction switch
    {
        ChangeDirection.Up => MudBlazor.Icons.Material.Filled.TrendingUp,
        ChangeDirection.Down => MudBlazor.Icons.Material.Filled.TrendingDown,
        _ => MudBlazor.Icons.Material.Filled.TrendingFlat,
    };

    /// <summary>"better than", "worse than", "about the same as" for uptime (up is better).</summary>
    public static string UptimeTrendWords(ChangeDirection direction) => direction switch
    {
        ChangeDirection.Up => "up from",
        ChangeDirection.Down => "down from",
        _ => "about the same as",
    };

    /// <summary>"1 h / 5 min".</summary>
    public static string Windows(BurnTierView tier)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return $"{tier.LongWindow} / {tier.ShortWindow}";
    }

    /// <summary>
    /// The mistakes card's large figure: how many were found; "None" only when every mistake of the
    /// table was checked; otherwise how many could be checked, so "none found" never hides the unchecked.
    /// </summary>
    public static string MistakesFigure(ScalingMistakesView mistakes)
    {
        ArgumentNullException.ThrowIfNull(mistakes);
        return mistakes switch
        {
            { Detected.Count: > 0 } => mistakes.Detected.Count.ToString(Culture),
            { Checked: 0 } => "Not checked",
            _ when mistakes.Checked == mistakes.Total => "None",
            _ => $"None of {mistakes.Checked} checked",
        };
    }

    /// <summary>The line under the figure: what was checked and found, and how many could not be checked.</summary>
    public static string MistakesHeadline(ScalingMistakesView mistakes)
    {
        ArgumentNullException.ThrowIfNull(mistakes);
        var notCheckedCount = mistakes.Total - mistakes.Checked;
        var notChecked = notCheckedCount == 0 ? "" : $"; {notCheckedCount} of {mistakes.Total} not checked (a signal they need is unknown)";
        return mistakes switch
        {
            { Checked: 0 } => $"None of the {mistakes.Total} common mistakes could be checked: the signals they need are unknown",
            { Detected.Count: 0 } when notCheckedCount == 0 => $"All {mistakes.Total} common mistakes checked; none found",
            { Detected.Count: 0 } => $"{mistakes.Checked} of {mistakes.Total} common mistakes checked, none of them found{notChecked}",
            _ => $"{mistakes.Detected.Count} found among the {mistakes.Checked} of {mistakes.Total} checked{notChecked}",
        };
    }

    /// <summary>Signal names in words.</summary>
    public static string Signal(string name) => name switch
    {
        "ActiveUsers" => "active users",
        "AppInstances" => "number of app instances",
        "CachePresent" => "a cache layer",
        "CiCdInUse" => "CI/CD",
        "KubernetesInUse" => "Kubernetes",
        "ShardingInUse" => "sharding",
        "MonitoringReachable" => "monitoring answering",
        "ReplicaPresent" => "a database replica",
        "PartitioningInUse" => "partitioned tables",
        "ConnectionPoolerPresent" => "a connection pooler",
        "BackgroundJobsRunning" => "background jobs",
        _ => name,
    };
}
