using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Sources.Prometheus;

/// <summary>Every default catalog expression, evaluated on the real Prometheus of the test stack.</summary>
[Trait(TestCategories.Key, TestCategories.Stack)]
[Collection(StackCollection.Name)]
public sealed class DefaultQueriesTests(DashboardAppFactory app)
{
    [Fact]
    public void DefaultQueries_CatalogMetrics_EachHasOneExpression()
    {
        var catalogIds = MetricCatalog.Default.Metrics.Select(m => m.Id).Order(StringComparer.Ordinal);

        Assert.Equal(catalogIds, DefaultQueries.All.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void For_OverrideSet_OverrideWinsOthersKeepDefault()
    {
        var overrides = new Dictionary<string, string> { [MetricIds.Cpu] = "my_cpu_percent" };

        Assert.Equal("my_cpu_percent", DefaultQueries.For(MetricIds.Cpu, overrides));
        Assert.Equal(DefaultQueries.All[MetricIds.Memory], DefaultQueries.For(MetricIds.Memory, overrides));
        Assert.Throws<KeyNotFoundException>(() => DefaultQueries.For("not_a_metric"));
    }

    // Sources the test stack runs: node_exporter, postgres_exporter, and Prometheus' own `up`.
    [Theory]
    [InlineData(MetricIds.Cpu, 0, 100)]
    [InlineData(MetricIds.Memory, 0.01, 99.99)]
    [InlineData(MetricIds.Disk, 0.01, 99.99)]
    [InlineData(MetricIds.DbConnections, 0.01, 100)]
    [InlineData(MetricIds.Uptime, 0, 100)]
    public async Task DefaultQuery_SourceInStack_ReturnsValuesInCatalogRange(string metricId, double min, double max)
    {
        using var prometheus = new PrometheusTestClient();

        // rate() needs two scrapes (2 s apart in the test profile) after the stack starts.
        var result = await Eventually.WaitForAsync(
            () => prometheus.Client.QueryAsync(DefaultQueries.All[metricId]),
            r => !r.IsNoData, TimeSpan.FromSeconds(30), $"data for {metricId}");

        Assert.Empty(result.Warnings);
        Assert.All(result.Series, s =>
        {
            var value = Assert.Single(s.Samples).Value;
            Assert.InRange(value, min, max);
        });
    }

    // The application metrics come from the demo workload of the test app (this collection's
    // fixture), which the test Prometheus scrapes as job "demo".
    [Theory]
    [InlineData(MetricIds.LatencyP50, 1, 60_000)]
    [InlineData(MetricIds.LatencyP99, 1, 60_000)]
    [InlineData(MetricIds.ErrorRate, 0, 100)]
    [InlineData(MetricIds.QueueDepth, 0, 1_000_000)]
    [InlineData(MetricIds.QueueLatency, 0, 86_400)]
    [InlineData(MetricIds.SignupSuccess, 0, 100)]
    [InlineData(MetricIds.PaymentSuccess, 0, 100)]
    public async Task DefaultQuery_DemoAppMetric_ReturnsValueInCatalogRange(string metricId, double min, double max)
    {
        Assert.NotNull(app.BaseAddress);
        using var prometheus = new PrometheusTestClient();

        var result = await Eventually.WaitForAsync(
            () => prometheus.Client.QueryAsync(DefaultQueries.All[metricId]),
            r => !r.IsNoData && r.SingleValueOrNull() is { } v && !double.IsNaN(v), TimeSpan.FromSeconds(45), $"demo data for {metricId}");

        // Ratios computed in floating point may land an ulp past 100.
        Assert.InRange(result.SingleValueOrNull()!.Value, min, max + 1e-9);
    }

    [Fact]
    public async Task Query_AbsentMetric_IsNoDataNotZero()
    {
        using var prometheus = new PrometheusTestClient();

        var result = await prometheus.Client.QueryAsync("sum(dashboard_metric_that_no_target_exposes)");

        Assert.True(result.IsNoData);
        Assert.Null(result.SingleValueOrNull());
    }

    [Fact]
    public async Task Query_ZeroValue_IsDataNotNoData()
    {
        using var prometheus = new PrometheusTestClient();

        var result = await prometheus.Client.QueryAsync("sum(dashboard_metric_that_no_target_exposes) or vector(0)");

        Assert.False(result.IsNoData);
        Assert.Equal(0, result.SingleValueOrNull());
    }
}
