using Dashboard.Domain.Health;

namespace Dashboard.Tests.Domain.Health;

public sealed class FreshnessTests
{
    [Theory]
    [InlineData(HealthStatus.Ok, true, true)]
    [InlineData(HealthStatus.Warning, true, true)]
    [InlineData(HealthStatus.Critical, true, true)]
    [InlineData(HealthStatus.Ok, false, false)]
    [InlineData(HealthStatus.Stale, true, false)]
    [InlineData(HealthStatus.NoData, false, false)]
    public void IsFresh_OnlyAJudgedValue(HealthStatus status, bool hasValue, bool fresh)
    {
        Assert.Equal(fresh, Freshness.IsFresh(status, hasValue));
    }

    [Fact]
    public void IsRecent_ExactlyStaleAfterOld_StillCounts_OneTickOlderDoesNot()
    {
        var now = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

        Assert.True(Freshness.IsRecent(now - Freshness.StaleAfter, now));
        Assert.False(Freshness.IsRecent(now - Freshness.StaleAfter - TimeSpan.FromTicks(1), now));
    }
}
