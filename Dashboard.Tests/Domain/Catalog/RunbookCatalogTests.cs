using Dashboard.Domain.Catalog;

namespace Dashboard.Tests.Domain.Catalog;

public class RunbookCatalogTests
{
    [Fact]
    public void All_OneHintPerCatalogMetric_WithStepsAndBasis()
    {
        Assert.Equal(MetricCatalog.Default.Metrics.Select(m => m.Id), RunbookCatalog.All.Select(h => h.MetricId));
        Assert.All(RunbookCatalog.All, h =>
        {
            Assert.False(string.IsNullOrWhiteSpace(h.Title));
            Assert.NotEmpty(h.Checks);
            Assert.False(string.IsNullOrWhiteSpace(h.Basis));
        });
    }

    [Theory]
    [InlineData(MetricIds.DbConnections, ScalingStrategyId.ConnectionPooling, "PgBouncer")]
    [InlineData(MetricIds.LatencyP99, ScalingStrategyId.QueryOptimization, "pg_stat_statements")]
    [InlineData(MetricIds.Disk, ScalingStrategyId.TablePartitioning, "100M rows")]
    [InlineData(MetricIds.Cpu, ScalingStrategyId.VerticalScaling, "Profile")]
    public void For_MetricsTheChapterCovers_PointToItsStrategy(string metricId, ScalingStrategyId strategy, string mentions)
    {
        var hint = RunbookCatalog.For(metricId);

        Assert.NotNull(hint);
        Assert.Equal(strategy, hint.Strategy);
        Assert.Contains(mentions, hint.Title + " " + string.Join(" ", hint.Checks), StringComparison.Ordinal);
        Assert.NotEqual(RunbookCatalog.GeneralPractice, hint.Basis);
    }

    [Fact]
    public void For_QueueDepth_SaysAddWorkers_AndTheRedisQueueLimit()
    {
        var hint = RunbookCatalog.For(MetricIds.QueueDepth)!;

        Assert.Equal("Add workers", hint.Title);
        Assert.Contains("10K jobs/min", hint.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void For_UnknownMetric_Null()
    {
        Assert.Null(RunbookCatalog.For("DashboardStackWatchdog"));
    }
}
