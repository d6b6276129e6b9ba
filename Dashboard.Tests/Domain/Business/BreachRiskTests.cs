using Dashboard.Domain.Business;
using Dashboard.Domain.Values;

namespace Dashboard.Tests.Domain.Business;

public class BreachRiskTests
{
    private static readonly DateTimeOffset March14 = new(2025, 3, 14, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Estimate_Default_OneHourAtMrrOver730()
    {
        var risk = BreachRisk.Estimate(Money.Of(500_000m), March14);

        Assert.Equal(TimeSpan.FromHours(1), risk.AssumedOutage.Value);
        Assert.Equal(685m, risk.PerHour.RoundToUnits().Amount);
        Assert.Equal(risk.PerHour, risk.AtRisk);
        Assert.Equal(March14, risk.At);
    }

    [Theory]
    [InlineData(500_000, 240, 2739.73)]
    [InlineData(730, 30, 0.5)]
    [InlineData(0, 60, 0)]
    public void Estimate_AssumedOutage_PricesThatLong(decimal mrr, double minutes, decimal expected)
    {
        var risk = BreachRisk.Estimate(Money.Of(mrr), March14, Duration.FromMinutes(minutes));

        Assert.Equal(expected, Math.Round(risk.AtRisk.Amount, 2));
    }
}
