using Dashboard.Domain.Catalog;
using Dashboard.Jobs.Sources.Prometheus;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Sources.Prometheus;

/// <summary>Every default catalog expression, evaluated on the real Prometheus of the test stack.</summary>
[Collection(StackCollection.Name)]
public sealed class DefaultQueriesTests
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

    // The application metrics come from the demo workload, which the test stack does not run.
    [Theory]
    [InlineData(MetricIds.LatencyP50)]
    [InlineData(MetricIds.LatencyP99)]
    [InlineData(MetricIds.ErrorRate)]
    [InlineData(MetricIds.QueueDepth)]
    [InlineData(MetricIds.QueueLatency)]
    [InlineData(MetricIds.SignupSuccess)]
    [InlineData(MetricIds.PaymentSuccess)]
    public async Task DefaultQuery_AppMetricAbsent_SucceedsAsNoDataNotZero(string metricId)
    {
        using var prometheus = new PrometheusTestClient();

        var result = await prometheus.Client.QueryAsync(DefaultQueries.All[metricId]);

        Assert.True(result.IsNoData, $"{metricId} should have no data, got {result.Series.Count} series");
        Assert.Null(result.SingleValueOrNull());
    }

    [Fact]
    public async Task Query_ZeroValue_IsDataNotNoData()
    {
        using var prometheus = new PrometheusTestClient();

        var result = await prometheus.Client.QueryAsync($"{DefaultQueries.All[MetricIds.QueueDepth]} or vector(0)");

        Assert.False(result.IsNoData);
        Assert.Equal(0, result.SingleValueOrNull());
    }
}
