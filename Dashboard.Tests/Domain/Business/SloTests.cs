using Dashboard.Domain.Business;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Business;

public class SloTests
{
    [Theory]
    [InlineData(99.9, 43.8)] // chapter's example: ~43.8 min a month
    [InlineData(99.5, 219)]
    [InlineData(99.99, 4.38)]
    [InlineData(99, 438)]
    public void AllowedDowntimePerMonth_UsesThe730HourMonth(double target, double expectedMinutes)
    {
        var slo = new Slo(Percent.Of(target));

        Assert.Equal(expectedMinutes, slo.AllowedDowntimePerMonth.Value.TotalMinutes, 3);
    }

    [Fact]
    public void AllowedDowntimePerWindow_ThirtyDays_Is43Point2Minutes()
    {
        var slo = new Slo(Percent.Of(99.9));

        Assert.Equal(TimeSpan.FromDays(30), slo.Window);
        Assert.Equal(43.2, slo.AllowedDowntimePerWindow.Value.TotalMinutes, 3);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void Constructor_TargetWithoutBudgetOrPromise_Throws(double target)
    {
        var ex = Assert.Throws<DomainValidationException>(() => new Slo(Percent.Of(target)));
        Assert.Contains("SLO target", ex.Message);
    }

    [Fact]
    public void Constructor_NonPositiveWindow_Throws()
    {
        var ex = Assert.Throws<DomainValidationException>(() => new Slo(Percent.Of(99.9), TimeSpan.Zero));
        Assert.Contains("SLO window", ex.Message);
    }
}
