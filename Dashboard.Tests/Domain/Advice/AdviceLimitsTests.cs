using Dashboard.Domain.Advice;
using Dashboard.Domain.Catalog;

namespace Dashboard.Tests.Domain.Advice;

public class AdviceLimitsTests
{
    [Fact]
    public void Default_SlowQueryMean_IsTheP50Warning()
    {
        Assert.Equal(200, AdviceLimits.Default.SlowQueryMeanMs);
        Assert.Equal(MetricCatalog.Default.Get(MetricIds.LatencyP50).Threshold.Warning, AdviceLimits.Default.SlowQueryMeanMs);
    }
}
