using Dashboard.Domain.Business;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Business;

public class OutageCostTests
{
    [Theory]
    [InlineData(500_000, 684.93)] // chapter: "about $685/h (~$700)"
    [InlineData(5_000_000, 6849.32)] // chapter: "about $6,850/h (~$7,000)"
    [InlineData(730, 1)]
    [InlineData(0, 0)]
    public void PerHour_IsMrrOver730(decimal mrr, decimal expectedPerHour)
    {
        var perHour = OutageCost.PerHour(Money.Of(mrr));

        Assert.Equal(expectedPerHour, Math.Round(perHour.Amount, 2));
    }

    [Fact]
    public void PerHour_ChapterExamples_RoundToTheQuotedFigures()
    {
        Assert.Equal(685m, OutageCost.PerHour(Money.Of(500_000m)).RoundToUnits().Amount);
        Assert.Equal(6849m, OutageCost.PerHour(Money.Of(5_000_000m)).RoundToUnits().Amount);
    }

    [Theory]
    [InlineData(500_000, 30, 342.47)]
    [InlineData(500_000, 120, 1369.86)]
    [InlineData(5_000_000, 43.8, 5000)]
    public void Of_Downtime_IsHourlyCostTimesHours(decimal mrr, double minutes, decimal expected)
    {
        var cost = OutageCost.Of(Money.Of(mrr), Duration.FromMinutes(minutes));

        Assert.Equal(expected, Math.Round(cost.Amount, 2));
    }

    [Theory]
    [InlineData(99.9, 500)]
    [InlineData(99.5, 2500)]
    [InlineData(100, 0)]
    [InlineData(0, 500_000)]
    public void RevenueAtRisk_IsMrrTimesUnavailability(double uptime, decimal expected)
    {
        var atRisk = OutageCost.RevenueAtRisk(Money.Of(500_000m), Percent.Of(uptime));

        Assert.Equal(expected, Math.Round(atRisk.Amount, 2));
    }

    [Fact]
    public void DowntimeAt_999_Is43Point8MinutesOfA730HourMonth()
    {
        Assert.Equal(43.8, OutageCost.DowntimeAt(Percent.Of(99.9)).Value.TotalMinutes, 3);
    }

    [Fact]
    public void Law_CostIsLinearInMrrAndInDuration()
    {
        var random = new Random(730);
        for (var i = 0; i < 500; i++)
        {
            var mrr = Money.Of(random.Next(0, 10_000_000));
            var minutes = random.NextDouble() * 10_000;
            var k = random.Next(1, 20);
            var downtime = Duration.FromMinutes(minutes);

            var once = OutageCost.Of(mrr, downtime).Amount;
            var scaledMrr = OutageCost.Of(mrr * k, downtime).Amount;
            var scaledTime = OutageCost.Of(mrr, Duration.FromMinutes(minutes * k)).Amount;
            var split = OutageCost.Of(mrr, Duration.FromMinutes(minutes / 2)) + OutageCost.Of(mrr, Duration.FromMinutes(minutes / 2));

            Assert.Equal(once * k, scaledMrr, 6);
            Assert.Equal(once * k, scaledTime, 0);
            Assert.Equal(once, split.Amount, 2);
            Assert.Equal(OutageCost.PerHour(mrr).Amount * (decimal)downtime.TotalHours, once, 2);
        }
    }
}
