using Dashboard.Domain.Catalog;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Catalog;

public class MetricCatalogTests
{
    private const ThresholdDirection Above = ThresholdDirection.AboveIsBad;
    private const ThresholdDirection Below = ThresholdDirection.BelowIsBad;

    // The key-metrics table of docs/metric-thresholds.md, row by row: id, category, warning, critical,
    // direction, unit, sustained-for minutes (0 = none).
    public static TheoryData<string, MetricCategory, double, double, ThresholdDirection, string, int> Table => new()
    {
        { "uptime", MetricCategory.Availability, 99.9, 99.5, Below, "%", 0 },
        { "latency_p50", MetricCategory.Latency, 200, 500, Above, "ms", 0 },
        { "latency_p99", MetricCategory.Latency, 1000, 3000, Above, "ms", 0 },
        { "error_rate", MetricCategory.Errors, 0.5, 2, Above, "%", 0 },
        { "cpu", MetricCategory.Saturation, 70, 90, Above, "%", 5 },
        { "memory", MetricCategory.Saturation, 80, 90, Above, "%", 0 },
        { "db_connections", MetricCategory.Saturation, 70, 90, Above, "%", 0 },
        { "disk", MetricCategory.Saturation, 75, 90, Above, "%", 0 },
        { "queue_depth", MetricCategory.Queue, 1_000, 10_000, Above, "count", 0 },
        { "queue_latency", MetricCategory.Queue, 30, 300, Above, "s", 0 },
        { "signup_success", MetricCategory.Business, 95, 85, Below, "%", 0 },
        { "payment_success", MetricCategory.Business, 98, 95, Below, "%", 0 },
    };

    [Fact]
    public void Default_HoldsTwelveMetricsInTableOrder()
    {
        var expected = Table.Select(row => (string)row[0]).ToArray();

        Assert.Equal(expected, MetricCatalog.Default.Metrics.Select(m => m.Id).ToArray());
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Default_Metric_MatchesTheThresholdsTable(
        string id, MetricCategory category, double warning, double critical, ThresholdDirection direction, string unit, int sustainedMinutes)
    {
        var metric = MetricCatalog.Default.Get(id);

        Assert.Equal(category, metric.Category);
        Assert.Equal(warning, metric.Threshold.Warning);
        Assert.Equal(critical, metric.Threshold.Critical);
        Assert.Equal(direction, metric.Threshold.Direction);
        Assert.Equal(unit, metric.Unit);
        Assert.Equal(unit, metric.Threshold.Unit);
        Assert.Equal(sustainedMinutes == 0 ? null : TimeSpan.FromMinutes(sustainedMinutes), metric.Threshold.SustainedFor);
        Assert.False(string.IsNullOrWhiteSpace(metric.Name));
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Default_Metric_ExactBoundariesAreStrict(
        string id, MetricCategory category, double warning, double critical, ThresholdDirection direction, string unit, int sustainedMinutes)
    {
        _ = (category, unit, sustainedMinutes);
        var threshold = MetricCatalog.Default.Get(id).Threshold;
        var worse = direction == Above ? 0.001 : -0.001;

        Assert.Equal(ThresholdBreach.None, threshold.Classify(warning - worse));
        Assert.Equal(ThresholdBreach.None, threshold.Classify(warning));
        Assert.Equal(ThresholdBreach.Warning, threshold.Classify(warning + worse));
        Assert.Equal(ThresholdBreach.Warning, threshold.Classify(critical));
        Assert.Equal(ThresholdBreach.Critical, threshold.Classify(critical + worse));
    }

    [Fact]
    public void Get_UnknownId_ThrowsNamingTheId()
    {
        var ex = Assert.Throws<DomainValidationException>(() => MetricCatalog.Default.Get("latency_p95"));
        Assert.Contains("'latency_p95'", ex.Message);
    }

    [Fact]
    public void Constructor_DuplicateIds_Throws()
    {
        var cpu = MetricCatalog.Default.Get("cpu");

        var ex = Assert.Throws<DomainValidationException>(() => new MetricCatalog([cpu, cpu]));
        Assert.Contains("'cpu' appears more than once", ex.Message);
    }

    [Fact]
    public void WithOverrides_ChangesOnlyTheNamedMetric_AndKeepsTheDefault()
    {
        var catalog = MetricCatalog.Default.WithOverrides([new ThresholdOverride("latency_p50", Warning: 150)]);

        var p50 = catalog.Get("latency_p50").Threshold;
        Assert.Equal(150, p50.Warning);
        Assert.Equal(500, p50.Critical);
        Assert.Equal(ThresholdDirection.AboveIsBad, p50.Direction);
        Assert.Equal(200, MetricCatalog.Default.Get("latency_p50").Threshold.Warning);
        Assert.Equal(MetricCatalog.Default.Get("cpu"), catalog.Get("cpu"));
        Assert.Equal(12, catalog.Metrics.Count);
    }

    [Fact]
    public void WithOverrides_SustainedWindow_SetsAndZeroRemoves()
    {
        var catalog = MetricCatalog.Default.WithOverrides(
        [
            new ThresholdOverride("memory", SustainedFor: TimeSpan.FromMinutes(10)),
            new ThresholdOverride("cpu", SustainedFor: TimeSpan.Zero),
        ]);

        Assert.Equal(TimeSpan.FromMinutes(10), catalog.Get("memory").Threshold.SustainedFor);
        Assert.Null(catalog.Get("cpu").Threshold.SustainedFor);
    }

    [Fact]
    public void WithOverrides_InvalidEntries_ListsEveryProblemAndAppliesNothing()
    {
        var ex = Assert.Throws<DomainValidationException>(() => MetricCatalog.Default.WithOverrides(
        [
            new ThresholdOverride("nope", Warning: 1),
            new ThresholdOverride("uptime", Warning: 99, Critical: 99.95),
            new ThresholdOverride("disk", Warning: 60),
            new ThresholdOverride("disk", Warning: 65),
            new ThresholdOverride("cpu", SustainedFor: TimeSpan.FromMinutes(-1)),
        ]));

        Assert.Contains("Unknown metric id 'nope'", ex.Message);
        Assert.Contains("Metric 'uptime'", ex.Message);
        Assert.Contains("Metric 'disk' is overridden more than once", ex.Message);
        Assert.Contains("Metric 'cpu'", ex.Message);
    }
}
