using Dashboard.Services.Designer;

namespace Dashboard.Tests.Web;

/// <summary>The designer's latency trends reach the newest sample (issue 16: their lines stopped minutes before now).</summary>
public sealed class DesignerTrendTests
{
    private static readonly DateTimeOffset Bucket = new(2026, 12, 7, 22, 10, 0, TimeSpan.Zero);

    [Fact]
    public void UpToNewest_SampleAfterTheLastBucket_IsTheLinesLastPoint()
    {
        IReadOnlyList<(DateTimeOffset, double)> trend = [(Bucket.AddMinutes(-5), 120), (Bucket, 130)];

        var line = DesignerService.UpToNewest(trend, (Bucket.AddMinutes(4).AddSeconds(30), 140));

        Assert.Equal(3, line.Count);
        Assert.Equal((Bucket.AddMinutes(4).AddSeconds(30), 140.0), line[^1]);
    }

    [Fact]
    public void UpToNewest_NothingNewer_OrNoSample_LeavesTheTrend()
    {
        IReadOnlyList<(DateTimeOffset, double)> trend = [(Bucket, 130)];

        Assert.Same(trend, DesignerService.UpToNewest(trend, (Bucket.AddMinutes(-1), 99)));
        Assert.Same(trend, DesignerService.UpToNewest(trend, null));
        Assert.Same(trend, DesignerService.UpToNewest(trend, (Bucket.AddMinutes(1), double.NaN)));
    }

    [Fact]
    public void UpToNewest_EmptyTrend_StartsWithTheSample() =>
        Assert.Single(DesignerService.UpToNewest([], (Bucket, 100)));
}
