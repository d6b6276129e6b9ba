using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;
using Dashboard.Jobs.Rules;
using Dashboard.Rules;

namespace Dashboard.Tests.Rules;

/// <summary>The built-in resources reach the rules with the thresholds and PromQL in force, and the SLO follows the uptime query in force.</summary>
public sealed class RulesInputSourceTests
{
    [Fact]
    public void From_OverriddenLevelsAndQueries_RulesUseThem()
    {
        var catalog = MetricCatalog.Default.WithOverrides([new ThresholdOverride(MetricIds.Disk, 61, 83, TimeSpan.FromMinutes(10))]);
        var queries = new Dictionary<string, string>
        {
            [MetricIds.Uptime] = "100 * avg(my_app_good_ratio)",
            [MetricIds.Disk] = "my_disk_used_percent",
        };

        var rules = ParsedRules.Parse(PrometheusRulesGenerator.Generate(RulesInputSource.From(catalog, queries, RulesSamples.Slo)));

        var resources = rules["dashboard-resources"].Rules;
        Assert.Equal("my_disk_used_percent", resources.Single(r => r.Record == "dashboard:resource:disk").Expr);
        Assert.Equal("100 * avg(my_app_good_ratio)", resources.Single(r => r.Record == "dashboard:resource:uptime").Expr);
        var disk = resources.Where(r => r.Alert == "DashboardDiskHigh").ToDictionary(r => r.Labels["severity"]);
        Assert.Equal(("dashboard:resource:disk > 61", "10m"), (disk["warning"].Expr, disk["warning"].For));
        Assert.Equal(("dashboard:resource:disk > 83", "10m"), (disk["critical"].Expr, disk["critical"].For));
        Assert.Equal("(1 - max without (sli) (100 * avg(my_app_good_ratio)) / 100) >= 0",
            rules["dashboard-slo-availability"].Rules.Single(r => r.Record == "dashboard:slo_errors:ratio_rate5m").Expr);
    }

    [Fact]
    public void From_DefaultCatalog_EveryMetricOnceWithItsDirectionAndSustainedWindow()
    {
        var rules = ParsedRules.Parse(PrometheusRulesGenerator.Generate(RulesInputSource.From(MetricCatalog.Default, null, RulesSamples.Slo)));

        var resources = rules["dashboard-resources"].Rules;
        Assert.Equal(MetricCatalog.Default.Metrics.Select(m => $"dashboard:resource:{m.Id}"), resources.Where(r => r.Record is not null).Select(r => r.Record));
        foreach (var metric in MetricCatalog.Default.Metrics)
        {
            var critical = resources.Single(r => r.Alert is not null && r.Labels["resource"] == metric.Id && r.Labels["severity"] == "critical");
            var comparison = metric.Threshold.Direction == ThresholdDirection.AboveIsBad ? ">" : "<";
            Assert.Equal($"dashboard:resource:{metric.Id} {comparison} {metric.Threshold.Critical.ToString(System.Globalization.CultureInfo.InvariantCulture)}", critical.Expr);
            Assert.Equal(metric.Threshold.SustainedFor is null ? null : "5m", critical.For);
            // The label the dashboard's silences match on (decision 014).
            Assert.Equal(metric.Id, critical.Labels["metric"]);
        }
    }
}
